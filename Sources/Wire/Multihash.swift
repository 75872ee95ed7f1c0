/// A self-describing hash digest: the hash function's multicodec code, the digest
/// length, and the digest.
///
/// ```
/// code (varint) ‖ digest length (varint) ‖ digest
/// ```
///
/// Decoding does not check the digest length against the hash function, so a
/// truncated digest is accepted; varints follow the multiformats 9-byte cap.
public struct Multihash: Hashable, Sendable {
    /// The identity "hash": the digest is the input itself.
    public static let identityCode: UInt64 = 0x00
    /// SHA2-256, 32-byte digests.
    public static let sha256Code: UInt64 = 0x12
    /// BLAKE2b-256, 32-byte digests.
    public static let blake2b256Code: UInt64 = 0xb220
    /// The longest encoded multihash, in bytes, that decoding accepts.
    public static let byteCountMax = 128

    /// The multicodec code of the hash function.
    public let code: UInt64
    /// The digest bytes.
    public let digest: [UInt8]

    /// A multihash with the given code (below 2^63) and digest.
    public init(code: UInt64, digest: [UInt8]) {
        precondition(code <= UInt64(Int64.max), "multihash code \(code) exceeds the multiformats 63-bit limit")
        self.code = code
        self.digest = digest
    }

    /// Decodes `bytes`, which must hold exactly one multihash.
    ///
    /// - Throws: ``WireError/limitExceeded(_:limit:)`` if `bytes` exceeds `byteCountMax`,
    ///   ``WireError/trailingBytes(_:)`` for bytes after the digest, and varint or
    ///   truncation errors.
    public init(bytes: [UInt8], byteCountMax: Int = Multihash.byteCountMax) throws(WireError) {
        guard bytes.count <= byteCountMax else { throw .limitExceeded("multihash byte count", limit: byteCountMax) }
        var reader = ByteReader(bytes)
        self = try Self.read(from: &reader)
        try reader.expectEnd()
    }

    /// Reads one multihash of at most ``byteCountMax`` bytes from `reader`, leaving what follows it.
    public static func read(from reader: inout ByteReader) throws(WireError) -> Multihash {
        let start = reader.position
        let code = try reader.readVarint(byteCountMax: Varint.multiformatsByteCountMax)
        let length = try reader.readVarint(byteCountMax: Varint.multiformatsByteCountMax)
        let headerByteCount = reader.position - start
        guard length <= UInt64(byteCountMax - headerByteCount) else {
            throw .limitExceeded("multihash byte count", limit: byteCountMax)
        }
        let digest = try reader.readBytes(Int(length))
        return Multihash(code: code, digest: digest)
    }

    /// The encoded multihash.
    public var bytes: [UInt8] {
        var result = Varint.encode(code)
        Varint.append(UInt64(digest.count), to: &result)
        result.append(contentsOf: digest)
        return result
    }
}
