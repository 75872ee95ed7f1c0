import Wire

/// A peer record (libp2p RFC 0003): a peer's listen addresses, ordered in time by `seq`.
///
///     message PeerRecord {
///       message AddressInfo { bytes multiaddr = 1; }
///       bytes                peer_id   = 1;   // binary peer id
///       uint64               seq       = 2;   // grows with every new record of the peer
///       repeated AddressInfo addresses = 3;
///     }
///
/// It travels inside a ``SignedEnvelope`` (see ``SignedPeerRecord``) with the domain
/// `libp2p-peer-record` and payload type `03 01` (the multicodec 0x0301), as go-libp2p,
/// js-libp2p and py-libp2p seal it. RFC 0003's text names `libp2p-routing-state` and
/// `/libp2p/routing-state-record`, which rust-libp2p used by default; records in that form
/// are accepted too (``legacyEnvelopeDomain``) but never produced.
///
/// Decoding skips unknown fields and counts addresses that do not parse (transports this
/// build does not know) in ``skippedAddressCount``; more than ``addressCountMax`` addresses
/// or one over ``addressByteCountMax`` bytes refuse the record.
public struct PeerRecord: Equatable, Sendable {
    /// The envelope domain of peer records.
    public static let envelopeDomain = "libp2p-peer-record"
    /// The envelope payload type of peer records: the multicodec 0x0301 in two bytes.
    public static let payloadType: [UInt8] = [0x03, 0x01]
    /// The domain of the RFC 0003 text (rust-libp2p's default), accepted with ``legacyPayloadType``.
    public static let legacyEnvelopeDomain = "libp2p-routing-state"
    /// The payload type of the RFC 0003 text, accepted with ``legacyEnvelopeDomain``.
    public static let legacyPayloadType = Array("/libp2p/routing-state-record".utf8)
    /// The most addresses a record may list (parsed or not).
    public static let addressCountMax = 32
    /// The longest binary address a record may hold.
    public static let addressByteCountMax = 256

    /// The peer the addresses belong to.
    public var peerID: PeerID
    /// The record's sequence number: a newer record of the same peer has a larger one.
    public var sequence: UInt64
    /// The peer's addresses, in the record's order.
    public var addresses: [Multiaddr]
    /// Addresses in the decoded record that did not parse.
    public private(set) var skippedAddressCount = 0

    /// A record of `addresses` for `peerID`.
    public init(peerID: PeerID, sequence: UInt64, addresses: [Multiaddr]) {
        self.peerID = peerID
        self.sequence = sequence
        self.addresses = addresses
    }

    /// Whether `addresses` fit a record: few enough, each short enough.
    public static func fits(_ addresses: [Multiaddr]) -> Bool {
        addresses.count <= addressCountMax && addresses.allSatisfy { $0.bytes.count <= addressByteCountMax }
    }

    /// The record protobuf (a zero `seq` is left out, as proto3 encoders do).
    public var protobufBytes: [UInt8] {
        var writer = ProtobufWriter()
        writer.writeBytes(peerID.bytes, field: 1)
        writer.writeVarintIfNonZero(sequence, field: 2)
        for address in addresses {
            var info = ProtobufWriter()
            info.writeBytes(address.bytes, field: 1)
            writer.writeMessage(info, field: 3)
        }
        return writer.bytes
    }

    /// Decodes a record protobuf (the payload of a peer-record envelope).
    public init(protobufBytes bytes: [UInt8]) throws(SignedPeerRecordError) {
        var peerBytes: [UInt8]?
        var sequence: UInt64?
        var addressFields: [[UInt8]] = []
        var hasTooManyAddresses = false
        do throws(WireError) {
            var reader = try ProtobufReader(bytes, limits: Self.protobufLimits)
            reading: while let field = try reader.next() {
                switch field.number {
                case 1:
                    guard peerBytes == nil else { throw .duplicateField(1) }
                    peerBytes = try field.bytes()
                case 2:
                    guard sequence == nil else { throw .duplicateField(2) }
                    sequence = try field.uint64()
                case 3:
                    guard addressFields.count < Self.addressCountMax else {
                        hasTooManyAddresses = true
                        break reading
                    }
                    addressFields.append(try Self.addressBytes(in: reader.nestedReader(for: field)))
                default:
                    continue
                }
            }
        } catch {
            throw .malformedRecord(error)
        }
        guard !hasTooManyAddresses else { throw .tooManyAddresses(limit: Self.addressCountMax) }
        try self.init(peerBytes: peerBytes, sequence: sequence ?? 0, addressFields: addressFields)
    }

    private init(peerBytes: [UInt8]?, sequence: UInt64, addressFields: [[UInt8]]) throws(SignedPeerRecordError) {
        guard let peerBytes else { throw .malformedRecord(.missingField(1)) }
        do {
            peerID = try PeerID(bytes: peerBytes)
        } catch {
            throw .invalidPeerID(error)
        }
        self.sequence = sequence
        addresses = []
        for bytes in addressFields {
            guard bytes.count <= Self.addressByteCountMax else {
                throw .addressTooLong(byteCount: bytes.count, limit: Self.addressByteCountMax)
            }
            if let address = try? Multiaddr(bytes: bytes) {
                addresses.append(address)
            } else {
                skippedAddressCount += 1
            }
        }
    }

    /// The `multiaddr` field of an `AddressInfo` (empty when absent).
    private static func addressBytes(in reader: ProtobufReader) throws(WireError) -> [UInt8] {
        var reader = reader
        var address: [UInt8]?
        while let field = try reader.next() {
            guard field.number == 1 else { continue }
            guard address == nil else { throw .duplicateField(1) }
            address = try field.bytes()
        }
        return address ?? []
    }

    private static var protobufLimits: ProtobufLimits {
        var limits = ProtobufLimits.standard
        limits.messageByteCountMax = SignedEnvelope.byteCountMax
        limits.fieldByteCountMax = SignedEnvelope.byteCountMax
        limits.nestingDepthMax = 1
        limits.fieldCountMax = 256
        return limits
    }
}
