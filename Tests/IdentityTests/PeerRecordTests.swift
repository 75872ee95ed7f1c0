import Sodium
import Testing
import TestSupport
import Wire
@testable import Identity

@Suite("PeerRecord")
struct PeerRecordTests {
    static let peer = try! PeerID(PeerRecordVectors.signerPeerID)

    static func payload(of envelope: [UInt8]) throws -> [UInt8] {
        try SignedEnvelope(protobufBytes: envelope).payload
    }

    @Test("py-libp2p's record decodes and re-encodes to the same bytes")
    func roundTrip() throws {
        let payload = try Self.payload(of: PeerRecordVectors.sealed)
        let record = try PeerRecord(protobufBytes: payload)
        #expect(record.peerID == Self.peer)
        #expect(record.sequence == PeerRecordVectors.sequence)
        #expect(record.addresses.map(\.description) == PeerRecordVectors.addresses)
        #expect(record.skippedAddressCount == 0)
        #expect(record.protobufBytes == payload)
    }

    @Test("an address this build cannot parse is skipped and counted")
    func unknownTransportSkipped() throws {
        let record = try PeerRecord(protobufBytes: Self.payload(of: PeerRecordVectors.quicSealed))
        #expect(record.addresses.map(\.description) == ["/ip4/127.0.0.1/tcp/4001", "/ip6/::1/tcp/4001"])
        #expect(record.skippedAddressCount == 1)
    }

    @Test("a zero sequence number is left out, as proto3 encoders do, and reads back as zero")
    func zeroSequence() throws {
        let record = PeerRecord(peerID: Self.peer, sequence: 0, addresses: [])
        #expect(record.protobufBytes == [0x0a, UInt8(Self.peer.bytes.count)] + Self.peer.bytes)
        #expect(try PeerRecord(protobufBytes: record.protobufBytes) == record)
    }

    @Test("more than addressCountMax addresses are refused")
    func tooManyAddresses() throws {
        let address = try Multiaddr("/ip4/10.0.0.1/tcp/1")
        let record = PeerRecord(peerID: Self.peer, sequence: 1, addresses: Array(repeating: address, count: PeerRecord.addressCountMax + 1))
        #expect(!PeerRecord.fits(record.addresses))
        #expect(throws: SignedPeerRecordError.tooManyAddresses(limit: PeerRecord.addressCountMax)) {
            try PeerRecord(protobufBytes: record.protobufBytes)
        }
        let full = PeerRecord(peerID: Self.peer, sequence: 1, addresses: Array(repeating: address, count: PeerRecord.addressCountMax))
        #expect(try PeerRecord(protobufBytes: full.protobufBytes).addresses.count == PeerRecord.addressCountMax)
    }

    @Test("an address longer than addressByteCountMax is refused, even one that does not parse")
    func addressTooLong() {
        var writer = ProtobufWriter()
        writer.writeBytes(Self.peer.bytes, field: 1)
        var info = ProtobufWriter()
        info.writeBytes([UInt8](repeating: 0xff, count: PeerRecord.addressByteCountMax + 1), field: 1)
        writer.writeMessage(info, field: 3)
        #expect(throws: SignedPeerRecordError.addressTooLong(byteCount: PeerRecord.addressByteCountMax + 1, limit: PeerRecord.addressByteCountMax)) {
            try PeerRecord(protobufBytes: writer.bytes)
        }
    }

    @Test("a missing, repeated or invalid peer id is refused", arguments: ["1001", "0a00", "0a02000a0a02000a", "0a03ffffff"])
    func badPeerID(bytes: String) {
        #expect(throws: SignedPeerRecordError.self) { try PeerRecord(protobufBytes: hex(bytes)) }
    }
}
