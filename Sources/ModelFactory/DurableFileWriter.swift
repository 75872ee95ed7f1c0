/// Writes a whole file so that a crash or a full disk never leaves a torn one: the bytes go
/// to `path.partial`, which is flushed (fsync), closed and renamed over `path`, and then the
/// directory is flushed. On any failure the partial file is removed and the file that was
/// at `path` before (say the previous checkpoint) is untouched.
public struct DurableFileWriter: Sendable {
    /// The file system written to.
    public let fileSystem: any FileSystem
    /// Bytes handed to one `write` call.
    public static let chunkByteCount = 1 << 20

    /// A writer on `fileSystem`.
    public init(fileSystem: any FileSystem = POSIXFileSystem()) {
        self.fileSystem = fileSystem
    }

    /// Replaces `path` with `bytes`, durably.
    public func write(_ bytes: [UInt8], toFile path: String) throws(ModelFactoryError) {
        let temporary = path + ".partial"
        let descriptor = try fileSystem.openForWriting(temporary)
        do {
            try writeAll(bytes, descriptor, temporary)
            try fileSystem.synchronize(descriptor, path: temporary)
        } catch {
            try? fileSystem.close(descriptor, path: temporary)
            try? fileSystem.removeFile(temporary)
            throw error
        }
        do {
            try fileSystem.close(descriptor, path: temporary)
            try fileSystem.rename(temporary, to: path)
        } catch {
            try? fileSystem.removeFile(temporary)
            throw error
        }
        try fileSystem.synchronizeDirectory(Self.directory(of: path))
    }

    private func writeAll(_ bytes: [UInt8], _ descriptor: Int32, _ path: String) throws(ModelFactoryError) {
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + Self.chunkByteCount, bytes.count)
            let written = bytes.withUnsafeBytes { raw in
                Result { () throws(ModelFactoryError) -> Int in
                    try fileSystem.write(descriptor, UnsafeRawBufferPointer(rebasing: raw[offset..<end]), path: path)
                }
            }
            offset += try written.get()
        }
    }

    /// The folder holding `path` ("." for a bare name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
