import ModelFiles

/// The bytes of a weight matrix: either a range of a model file's buffer (kept alive here) or
/// a private allocation, aligned for Float, that this object frees.
final class WeightStorage: @unchecked Sendable {
    /// The first byte; never written after initialization.
    let base: UnsafeRawPointer
    /// The number of bytes.
    let byteCount: Int
    private let owner: ModelFileBuffer?
    private let isOwned: Bool

    /// Alignment of private allocations (a cache line; enough for any SIMD load or BLAS).
    static let alignment = 64

    /// Bytes `range` of `buffer`, read in place.
    init(buffer: ModelFileBuffer, range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= buffer.count, "range outside the buffer")
        // A nil base address only occurs for an empty buffer, which no matrix views.
        base = UnsafeRawPointer(buffer.bytes.baseAddress!) + range.lowerBound
        byteCount = range.count
        owner = buffer
        isOwned = false
    }

    /// A private copy of `source`.
    init(copying source: UnsafeRawBufferPointer) {
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(source.count, 1), alignment: Self.alignment)
        if source.count > 0 { storage.copyMemory(from: source) }
        base = UnsafeRawPointer(storage.baseAddress!)
        byteCount = source.count
        owner = nil
        isOwned = true
    }

    deinit {
        if isOwned { UnsafeMutableRawPointer(mutating: base).deallocate() }
    }
}
