import Node

/// The next finalized height an auditor reads, kept in DATADIR/audit/cursor (8 bytes,
/// big-endian) so that a restart resumes there. It never passes a receipt or challenge still
/// waiting, so those are read again after a restart.
public enum AuditCursor {
    /// The file's size.
    static let byteCount = 8

    /// The stored height, or nil when there is none or it is damaged.
    public static func read(_ path: String) throws -> UInt64? {
        guard let bytes = try DurableFile.read(path), bytes.count == byteCount else { return nil }
        return bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    /// Stores `height`.
    public static func write(_ height: UInt64, to path: String) throws {
        try DurableFile.write(withUnsafeBytes(of: height.bigEndian, Array.init), to: path)
    }
}
