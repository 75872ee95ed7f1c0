import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension KeyFile {
    /// Writes `key` to `path` with mode 0600: to a temporary file in the same folder, flushed
    /// to disk, then renamed into place, so a crash never leaves half a key.
    public static func write(_ key: IdentityKey, to path: String, overwrite: Bool) throws(KeyFileError) {
        if !overwrite && FileManager.default.fileExists(atPath: path) {
            throw .alreadyExists(path: path)
        }
        let temporaryPath = path + ".tmp-\(getpid())"
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw systemError(path: temporaryPath, operation: "create") }
        var contents = encode(key)
        defer { wipe(&contents) }
        let written = contents.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        let flushed = written == contents.count ? fsync(descriptor) : -1
        let failure = flushed == 0 ? nil : systemError(path: temporaryPath, operation: "write")
        close(descriptor)
        if let failure {
            unlink(temporaryPath)
            throw failure
        }
        guard rename(temporaryPath, path) == 0 else {
            let failure = systemError(path: path, operation: "move the new key into")
            unlink(temporaryPath)
            throw failure
        }
    }

    /// Reads the key at `path`, refusing files that group or others can access.
    public static func read(from path: String) throws(KeyFileError) -> IdentityKey {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw .notFound(path: path) }
            throw systemError(path: path, operation: "open")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw systemError(path: path, operation: "inspect") }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .notRegularFile(path: path) }
        let mode = UInt32(status.st_mode) & 0o7777
        guard mode & forbiddenModeBits == 0 else { throw .readableByOthers(path: path, mode: mode) }
        guard status.st_size <= byteCountMax else {
            throw .tooLarge(path: path, byteCount: Int(status.st_size), limit: byteCountMax)
        }
        var contents = try readAll(descriptor, path: path)
        defer { wipe(&contents) }
        return try decode(contents)
    }

    private static func readAll(_ descriptor: Int32, path: String) throws(KeyFileError) -> [UInt8] {
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1024)
        while contents.count <= byteCountMax {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw systemError(path: path, operation: "read") }
            if count == 0 { return contents }
            contents.append(contentsOf: chunk.prefix(count))
        }
        throw .tooLarge(path: path, byteCount: contents.count, limit: byteCountMax)
    }

    /// Overwrites a buffer that held key material before it is released.
    private static func wipe(_ bytes: inout [UInt8]) {
        for index in bytes.indices { bytes[index] = 0 }
    }

    private static func systemError(path: String, operation: String) -> KeyFileError {
        .system(path: path, operation: operation, message: String(cString: strerror(errno)))
    }
}
