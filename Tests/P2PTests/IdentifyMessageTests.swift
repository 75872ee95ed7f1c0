import Testing
import TestSupport
import Wire
@testable import P2P

@Suite("IdentifyMessage")
struct IdentifyMessageTests {
    static let message = IdentifyMessage(
        publicKey: try! LibP2PPublicKey(protobufBytes: hex(PeerIDSpecVectors.ed25519Public)),
        listenAddresses: [try! Multiaddr("/ip4/127.0.0.1/tcp/4001"), try! Multiaddr("/ip6/::1/tcp/4001")],
        protocols: ["/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"],
        observedAddress: try! Multiaddr("/ip4/10.0.0.2/tcp/50000"),
        protocolVersion: "ipfs/0.1.0", agentVersion: "oln/0.1.0")

    @Test("encodes fields in number order and decodes back")
    func roundTrip() throws {
        let bytes = Self.message.bytes
        // publicKey (field 1) comes first: tag 0x0a, length 36, then the key protobuf.
        #expect(Array(bytes.prefix(2)) == [0x0a, 0x24])
        #expect(try IdentifyMessage(bytes: bytes) == Self.message)
    }

    @Test("unknown fields are skipped and unknown transports are dropped, not fatal")
    func lenient() throws {
        var writer = ProtobufWriter()
        writer.writeBytes([0x01, 0x02], field: 2)                       // not a multiaddr we know
        writer.writeBytes(try Multiaddr("/ip4/1.2.3.4/tcp/1").bytes, field: 2)
        writer.writeString("/meshsub/1.1.0", field: 3)
        writer.writeVarint(7, field: 9)                                  // a future field
        let decoded = try IdentifyMessage(bytes: writer.bytes)
        #expect(decoded.listenAddresses == [try Multiaddr("/ip4/1.2.3.4/tcp/1")])
        #expect(decoded.skippedAddressCount == 1)
        #expect(decoded.protocols == ["/meshsub/1.1.0"])
        #expect(decoded.publicKey == nil)
    }

    @Test("oversized messages, too many protocols and bad keys are refused")
    func limits() throws {
        #expect(throws: WireError.self) { try IdentifyMessage(bytes: [UInt8](repeating: 0, count: 9000)) }
        var writer = ProtobufWriter()
        for index in 0...IdentifyMessage.protocolCountMax { writer.writeString("/p/\(index)", field: 3) }
        #expect(throws: WireError.limitExceeded("identify protocols", limit: IdentifyMessage.protocolCountMax)) {
            try IdentifyMessage(bytes: writer.bytes)
        }
        var badKey = ProtobufWriter()
        badKey.writeBytes([0xff], field: 1)
        #expect(throws: WireError.self) { try IdentifyMessage(bytes: badKey.bytes) }
    }

    @Test("random and mutated messages never trap (seeded)")
    func randomInput() {
        var generator = SeededGenerator.make(for: "IdentifyMessageTests.randomInput")
        let valid = Self.message.bytes
        for _ in 0..<1000 {
            _ = try? IdentifyMessage(bytes: generator.mutate(valid))
            _ = try? IdentifyMessage(bytes: generator.bytes(maximumCount: 64))
        }
    }
}
