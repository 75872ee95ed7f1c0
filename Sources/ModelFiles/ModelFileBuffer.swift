#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The immutable bytes of a model file: either a read-only memory mapping of the file, so a
/// multi-gigabyte file costs address space but no resident memory until its pages are read,
/// or a private heap copy of bytes handed in by the caller.
///
/// Tensor views keep their buffer alive. A mapped file must not be truncated by another
/// process while it is mapped (reading a page past the new end raises SIGBUS); replacing it
/// with a rename is safe.
public final class ModelFileBuffer: @unchecked Sendable {
    /// The file's bytes; valid for the buffer's lifetime and never written.
    public let bytes: UnsafeRawBufferPointer
    /// Whether the bytes are a memory mapping of a file (rather than a heap copy).
    public let isMapped: Bool

    /// Alignment of heap copies, so typed views over them are as aligned as a mapping's.
    static let heapAlignment = 64

    /// Maps the file at `path` read-only.
    public init(mappingFileAt path: String) throws(ModelFileError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.systemError("cannot open \(path)") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Self.systemError("cannot stat \(path)") }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw ModelFileError(.fileSystem, at: nil, "\(path) is not a regular file")
        }
        let byteCount = Int(status.st_size)
        guard byteCount > 0 else {
            bytes = Self.heapCopy(of: UnsafeRawBufferPointer(start: nil, count: 0))
            isMapped = false
            return
        }
        let address = mmap(nil, byteCount, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let address, address != MAP_FAILED else { throw Self.systemError("cannot map \(path)") }
        bytes = UnsafeRawBufferPointer(start: address, count: byteCount)
        isMapped = true
    }

    /// A private copy of `source`.
    public init(copying source: UnsafeRawBufferPointer) {
        bytes = Self.heapCopy(of: source)
        isMapped = false
    }

    /// A private copy of `source`.
    public init(copying source: [UInt8]) {
        bytes = source.withUnsafeBytes { Self.heapCopy(of: $0) }
        isMapped = false
    }

    /// The number of bytes.
    public var count: Int { bytes.count }

    deinit {
        if isMapped {
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        } else {
            UnsafeMutableRawPointer(mutating: bytes.baseAddress)?.deallocate()
        }
    }

    private static func heapCopy(of source: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        let storage = UnsafeMutableRawBufferPointer.allocate(
            byteCount: max(source.count, 1), alignment: heapAlignment)
        if source.count > 0 { storage.copyMemory(from: source) }
        return UnsafeRawBufferPointer(rebasing: storage[0..<source.count])
    }

    private static func systemError(_ what: String) -> ModelFileError {
        ModelFileError(.fileSystem, at: nil, "\(what): \(String(cString: strerror(errno)))")
    }
}
