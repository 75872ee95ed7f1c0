#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The immutable bytes of a span index: a read-only memory mapping of its file, or a private
/// 64-byte-aligned heap buffer (built in memory or copied from the caller's bytes).
///
/// A mapped file must not be truncated by another process while mapped (reading a page past
/// the new end raises SIGBUS); ``SpanIndex/write(toFile:)`` replaces files by renaming.
final class SpanIndexStorage: @unchecked Sendable {
    /// The bytes; valid for the storage's lifetime and never written after initialisation.
    let bytes: UnsafeRawBufferPointer
    /// Whether the bytes are a file mapping.
    let isMapped: Bool

    static let heapAlignment = 64

    /// Maps the file at `path` read-only.
    init(mappingFileAt path: String) throws(SpanIndexError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.systemError("cannot open \(path)") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Self.systemError("cannot stat \(path)") }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw SpanIndexError(.fileSystem, "\(path) is not a regular file") }
        let byteCount = Int(status.st_size)
        guard byteCount > 0 else { throw SpanIndexError(.truncated, "\(path) is empty") }
        let address = mmap(nil, byteCount, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let address, address != MAP_FAILED else { throw Self.systemError("cannot map \(path)") }
        bytes = UnsafeRawBufferPointer(start: address, count: byteCount)
        isMapped = true
    }

    /// A zeroed heap buffer of `byteCount` bytes that `fill` writes once.
    init(byteCount: Int, fill: (UnsafeMutableRawBufferPointer) -> Void) {
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(byteCount, 1), alignment: Self.heapAlignment)
        storage.initializeMemory(as: UInt8.self, repeating: 0)
        let used = UnsafeMutableRawBufferPointer(rebasing: storage[0..<byteCount])
        fill(used)
        bytes = UnsafeRawBufferPointer(used)
        isMapped = false
    }

    /// A private copy of `source`.
    convenience init(copying source: UnsafeRawBufferPointer) {
        self.init(byteCount: source.count) { target in
            if source.count > 0 { target.copyMemory(from: source) }
        }
    }

    deinit {
        if isMapped {
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        } else {
            UnsafeMutableRawPointer(mutating: bytes.baseAddress)?.deallocate()
        }
    }

    /// Writes the bytes to `path` through a temporary file renamed over it.
    func write(toFile path: String) throws(SpanIndexError) {
        let temporary = path + ".partial"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.systemError("cannot create \(temporary)") }
        var written = 0
        while written < bytes.count {
            let result = writeBytes(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else {
                let error = Self.systemError("cannot write \(temporary)")
                close(descriptor)
                unlink(temporary)
                throw error
            }
            written += result
        }
        guard close(descriptor) == 0, rename(temporary, path) == 0 else {
            let error = Self.systemError("cannot finish writing \(path)")
            unlink(temporary)
            throw error
        }
    }

    private static func systemError(_ what: String) -> SpanIndexError {
        SpanIndexError(.fileSystem, "\(what): \(String(cString: strerror(errno)))")
    }
}

/// The C library's `write`, named apart from the method above.
private func writeBytes(_ descriptor: Int32, _ address: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, address, count)
}
