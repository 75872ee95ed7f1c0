/// The Float buffers of one engine, allocated once (zeroed) and freed together when the pool
/// goes: saved activations and scratch. The pool is used by one thread at a time.
final class BufferPool {
    private var buffers: [UnsafeMutableBufferPointer<Float>] = []

    /// The total number of Floats handed out.
    private(set) var elementCount = 0

    /// A new zeroed buffer of `count` Floats (at least one, so that every buffer has an address).
    func make(_ count: Int) -> UnsafeMutableBufferPointer<Float> {
        precondition(count >= 0, "negative buffer size")
        let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(count, 1))
        buffer.initialize(repeating: 0)
        buffers.append(buffer)
        elementCount += buffer.count
        return buffer
    }

    /// The bytes the buffers occupy.
    var byteCount: Int { elementCount * MemoryLayout<Float>.stride }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }
}
