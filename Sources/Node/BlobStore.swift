import Foundation
import Sodium
#if canImport(Glibc)
import Glibc
#endif

/// Content-addressed files: Datanet payloads, adapters and other blobs that ledger records
/// name by their BLAKE2b-256 hash. A blob lives at `<root>/<first two hex digits>/<64 hex
/// digits>`, is written durably (temporary file, flush, rename) and is checked against its
/// name when read, so a corrupted or truncated file is reported, never returned.
public struct BlobStore: Sendable {
    /// The largest blob stored or read.
    public static let byteCountMax = 1 << 30

    /// The folder that holds the blobs.
    public let root: String

    /// A store in `root`, created (0700) if missing.
    public init(root: String) throws(NodeError) {
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .dataDirectory("cannot create the blob store \(root): \(error.localizedDescription)")
        }
        self.root = root
    }

    /// Stores `bytes` unless a blob with their hash exists, and returns the hash.
    @discardableResult
    public func put(_ bytes: [UInt8]) throws(NodeError) -> [UInt8] {
        guard bytes.count <= Self.byteCountMax else {
            throw .dataDirectory("a blob of \(bytes.count) bytes exceeds the limit of \(Self.byteCountMax)")
        }
        let hash = BLAKE2b256.hash(bytes)
        if contains(hash) { return hash }
        let folder = (path(of: hash) as NSString).deletingLastPathComponent
        guard mkdir(folder, 0o700) == 0 || errno == EEXIST else {
            throw .dataDirectory("cannot create \(folder): \(String(cString: strerror(errno)))")
        }
        try DurableFile.write(bytes, to: path(of: hash))
        return hash
    }

    /// The blob named `hash`, checked against it; nil when the store does not hold it.
    /// Throws when the file is larger than the limit or its bytes do not hash to its name.
    public func get(_ hash: [UInt8]) throws(NodeError) -> [UInt8]? {
        let location = try checkedPath(of: hash)
        guard let data = FileManager.default.contents(atPath: location) else {
            if FileManager.default.fileExists(atPath: location) { throw .dataDirectory("cannot read \(location)") }
            return nil
        }
        guard data.count <= Self.byteCountMax else {
            throw .dataDirectory("\(location) is larger than \(Self.byteCountMax) bytes")
        }
        let bytes = [UInt8](data)
        guard BLAKE2b256.hash(bytes) == hash else {
            throw .dataDirectory("\(location) is corrupt: its bytes do not hash to its name; delete it and fetch it again")
        }
        return bytes
    }

    /// Whether a file for `hash` exists (its bytes are checked only by `get`).
    public func contains(_ hash: [UInt8]) -> Bool {
        guard hash.count == BLAKE2b256.byteCount else { return false }
        return FileManager.default.fileExists(atPath: path(of: hash))
    }

    /// Deletes the blob named `hash`, if present.
    public func remove(_ hash: [UInt8]) throws(NodeError) {
        let location = try checkedPath(of: hash)
        guard unlink(location) == 0 || errno == ENOENT else {
            throw .dataDirectory("cannot delete \(location): \(String(cString: strerror(errno)))")
        }
    }

    /// Where the blob named `hash` (32 bytes) lives.
    public func path(of hash: [UInt8]) -> String {
        precondition(hash.count == BLAKE2b256.byteCount, "a blob is named by a 32-byte hash")
        let text = hash.map { String(format: "%02x", $0) }.joined()
        return root + "/" + text.prefix(2) + "/" + text
    }

    private func checkedPath(of hash: [UInt8]) throws(NodeError) -> String {
        guard hash.count == BLAKE2b256.byteCount else {
            throw .dataDirectory("a blob hash has 32 bytes, not \(hash.count)")
        }
        return path(of: hash)
    }
}
