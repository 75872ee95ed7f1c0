import Wire

/// An application message with exactly one byte encoding, so that a signature covers one
/// meaning and a hash names one message (docs/canonical-encoding.md).
///
/// Conforming types write every non-default field in field-number order with
/// `ProtobufWriter`, and read with a canonical `ProtobufReader`. `decodeCanonical` then
/// re-encodes what was read and requires the same bytes, which rejects unknown fields,
/// duplicates, fields out of order, default values written out and overlong varints.
public protocol CanonicalMessage: Sendable {
    /// The domain tag that separates this kind's signatures from every other kind's,
    /// such as `oln/transfer/1`.
    static var domainTag: String { get }
    /// The largest encoding accepted for this kind.
    static var byteCountMax: Int { get }

    /// Writes the message's fields.
    func encode(to writer: inout ProtobufWriter)

    /// Reads the message's fields from a canonical reader; throws for unknown fields.
    init(from reader: inout ProtobufReader) throws(WireError)
}

extension CanonicalMessage {
    public static var byteCountMax: Int { 1 << 20 }

    /// The message's canonical bytes.
    public var canonicalBytes: [UInt8] {
        var writer = ProtobufWriter()
        encode(to: &writer)
        return writer.bytes
    }

    /// The message in `bytes`, which must be its canonical encoding.
    public static func decodeCanonical(_ bytes: [UInt8]) throws(WireError) -> Self {
        guard bytes.count <= byteCountMax else {
            throw .limitExceeded("\(domainTag) message", limit: byteCountMax)
        }
        var limits = ProtobufLimits.standard
        limits.messageByteCountMax = byteCountMax
        var reader = try ProtobufReader(bytes, limits: limits, strictness: .canonical)
        let message = try Self(from: &reader)
        guard message.canonicalBytes == bytes else {
            throw .nonCanonical("the \(domainTag) message does not re-encode to the same bytes")
        }
        return message
    }

    /// The bytes an author signs: `uvarint(len(tag)) ‖ tag ‖ chain id (u64 big-endian) ‖ canonical bytes`.
    public func signingBytes(chainID: UInt64) -> [UInt8] {
        Self.signingBytes(chainID: chainID, body: canonicalBytes)
    }

    static func signingBytes(chainID: UInt64, body: [UInt8]) -> [UInt8] {
        let tag = Array(domainTag.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Varint.byteCountMax + tag.count + 8 + body.count)
        Varint.append(UInt64(tag.count), to: &bytes)
        bytes.append(contentsOf: tag)
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: chainID >> UInt64(shift)))
        }
        bytes.append(contentsOf: body)
        return bytes
    }
}
