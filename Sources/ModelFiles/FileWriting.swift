#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole files: to a temporary name beside the target, then renamed over it, so a
/// reader (which may have the old file mapped) never sees a half-written file.
public enum FileWriting {
    /// Creates `path` (one level) unless it exists.
    public static func createDirectory(_ path: String) throws(ModelFileError) {
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw systemError("cannot create \(path)") }
    }

    /// Writes `bytes` to `path` through `path.partial` and a rename.
    public static func writeFile(_ bytes: [UInt8], toFile path: String) throws(ModelFileError) {
        let temporary = path + ".partial"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw systemError("cannot create \(temporary)") }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else {
                let error = systemError("cannot write \(temporary)")
                close(descriptor)
                unlink(temporary)
                throw error
            }
            written += result
        }
        guard close(descriptor) == 0, rename(temporary, path) == 0 else {
            let error = systemError("cannot finish writing \(path)")
            unlink(temporary)
            throw error
        }
    }

    private static func systemError(_ what: String) -> ModelFileError {
        ModelFileError(.fileSystem, at: nil, "\(what): \(String(cString: strerror(errno)))")
    }
}
