import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Small files that must survive a crash whole: written to a temporary file beside the
/// target, flushed to disk (`fsync`), renamed over the target, and the directory flushed,
/// so that after a crash the file holds either the old or the new bytes, never a mix.
public enum DurableFile {
    /// Largest file read back.
    public static let byteCountMax = 128 << 20

    /// Replaces the file at `path` with `bytes`; `synchronous: false` skips the flushes
    /// (for files such as status.json that may be lost).
    public static func write(_ bytes: [UInt8], to path: String, synchronous: Bool = true) throws(NodeError) {
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("cannot create", temporary) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            guard count > 0 else {
                close(descriptor)
                throw failure("cannot write", temporary)
            }
            written += count
        }
        if synchronous && fsync(descriptor) != 0 {
            close(descriptor)
            throw failure("cannot flush", temporary)
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else { throw failure("cannot rename over", path) }
        if synchronous { try flushDirectory(of: path) }
    }

    /// The file's bytes, or nil when it does not exist.
    public static func read(_ path: String) throws(NodeError) -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { throw failure("cannot read", path) }
        guard data.count <= byteCountMax else { throw .dataDirectory("\(path) is larger than \(byteCountMax) bytes") }
        return [UInt8](data)
    }

    private static func flushDirectory(of path: String) throws(NodeError) {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open the directory of", path) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("cannot flush the directory of", path) }
    }

    private static func failure(_ what: String, _ path: String) -> NodeError {
        .dataDirectory("\(what) \(path): \(String(cString: strerror(errno)))")
    }
}
