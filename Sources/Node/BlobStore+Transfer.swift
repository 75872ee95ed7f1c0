import Foundation
import Sodium
#if canImport(Glibc)
import Glibc
#endif

/// What `/oln/blob/1` needs from the store: ranges of held blobs for the serving side, and
/// partial files (`<root>/partial/<hex>`) that a fetch appends to and then checks and moves
/// into place.
extension BlobStore {
    /// The blob's size and `length` bytes from `offset` (fewer at its end); nil when the
    /// store does not hold it. The bytes are not checked against the hash here; the
    /// fetching side checks the whole blob.
    public func range(of hash: [UInt8], offset: UInt64, length: Int) -> (totalSize: UInt64, bytes: [UInt8])? {
        guard contains(hash), let handle = FileHandle(forReadingAtPath: path(of: hash)) else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), offset <= size else { return nil }
        guard (try? handle.seek(toOffset: offset)) != nil,
              let data = try? handle.read(upToCount: Int(min(UInt64(length), size - offset))) else { return nil }
        return (size, [UInt8](data))
    }

    /// The partial file of a fetch of `hash`.
    public func partialPath(of hash: [UInt8]) -> String {
        root + "/partial/" + hash.map { String(format: "%02x", $0) }.joined()
    }

    /// Bytes already fetched of `hash` (0 when none).
    public func partialSize(of hash: [UInt8]) -> UInt64 {
        let attributes = try? FileManager.default.attributesOfItem(atPath: partialPath(of: hash))
        return (attributes?[.size] as? NSNumber)?.uint64Value ?? 0
    }

    /// Appends fetched bytes to the partial file of `hash`.
    public func appendPartial(_ bytes: [UInt8], to hash: [UInt8]) throws(NodeError) {
        let folder = root + "/partial"
        guard mkdir(folder, 0o700) == 0 || errno == EEXIST else { throw failure("cannot create", folder) }
        let path = partialPath(of: hash)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("cannot open", path) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, $0.count - written) }
            guard count > 0 else { throw failure("cannot write", path) }
            written += count
        }
    }

    /// Checks a finished partial file against `hash` and moves it into the store; a file
    /// that does not match is deleted and false returned.
    public func completePartial(_ hash: [UInt8]) throws(NodeError) -> Bool {
        let path = partialPath(of: hash)
        guard let data = FileManager.default.contents(atPath: path), data.count <= Self.byteCountMax else {
            throw .dataDirectory("cannot read \(path)")
        }
        guard BLAKE2b256.hash([UInt8](data)) == hash else {
            unlink(path)
            return false
        }
        try put([UInt8](data))
        unlink(path)
        return true
    }

    /// Deletes the partial file of `hash`.
    public func discardPartial(_ hash: [UInt8]) {
        unlink(partialPath(of: hash))
    }

    private func failure(_ what: String, _ path: String) -> NodeError {
        .dataDirectory("\(what) \(path): \(String(cString: strerror(errno)))")
    }
}
