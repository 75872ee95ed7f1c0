import Sodium
import TestSupport
import Testing
import Wire

@testable import Noise

@Suite("NoiseHandshakePayload")
struct NoiseHandshakePayloadTests {
    /// The responder's payload of the py-libp2p `muxers` vector, rebuilt by hand from the
    /// protobuf schema: identity_key, identity_sig, then extensions with two stream_muxers.
    private static func handBuiltPayload(signature: [UInt8]) -> [UInt8] {
        let key: [UInt8] = [0x08, 0x01, 0x12, 0x20] + [UInt8](repeating: 0x11, count: 32)
        let muxers: [UInt8] = [0x12, 0x0c] + Array("/yamux/1.0.0".utf8) + [0x12, 0x0c] + Array("/mplex/6.7.0".utf8)
        return [0x0a, 0x24] + key + [0x12, 0x40] + signature + [0x22, UInt8(muxers.count)] + muxers
    }

    @Test("decodes identity fields and stream muxers from the schema's encoding")
    func decodesSchemaEncoding() throws {
        let signature = [UInt8](repeating: 0x22, count: 64)
        let payload = try NoiseHandshakePayload(bytes: Self.handBuiltPayload(signature: signature))
        #expect(payload.identityKey == [0x08, 0x01, 0x12, 0x20] + [UInt8](repeating: 0x11, count: 32))
        #expect(payload.identitySignature == signature)
        #expect(payload.streamMuxers == ["/yamux/1.0.0", "/mplex/6.7.0"])
        #expect(payload.webTransportCertificateHashes.isEmpty)
        #expect(payload.bytes == Self.handBuiltPayload(signature: signature))
    }

    @Test("without extensions, the encoding is identity_key then identity_sig")
    func encodesWithoutExtensions() {
        let payload = NoiseHandshakePayload(identityKey: [1, 2], identitySignature: [3])
        #expect(payload.bytes == [0x0a, 0x02, 1, 2, 0x12, 0x01, 3])
    }

    @Test("unknown fields are skipped, at the top and in the extensions")
    func unknownFieldsSkipped() throws {
        let extensions: [UInt8] = [0x0a, 0x01, 0xaa, 0x18, 0x05, 0x12, 0x01, 0x78]
        let unknown: [UInt8] = [0x1a, 0x01, 0x00]
        let identity: [UInt8] = [0x0a, 0x01, 0x01, 0x28, 0x07, 0x12, 0x01, 0x02]
        let bytes = unknown + identity + [0x22, UInt8(extensions.count)] + extensions
        let payload = try NoiseHandshakePayload(bytes: bytes)
        #expect(payload == NoiseHandshakePayload(
            identityKey: [1], identitySignature: [2], webTransportCertificateHashes: [[0xaa]], streamMuxers: ["x"]
        ))
    }

    @Test("missing identity fields are refused")
    func missingFields() {
        #expect(throws: WireError.missingField(1)) { try NoiseHandshakePayload(bytes: [0x12, 0x01, 0x02]) }
        #expect(throws: WireError.missingField(2)) { try NoiseHandshakePayload(bytes: [0x0a, 0x01, 0x02]) }
    }

    @Test("a payload over the byte limit is refused")
    func byteLimit() {
        let oversized = [0x0a, 0x82, 0x40] + [UInt8](repeating: 0, count: NoiseHandshakePayload.byteCountMax)
        let limit = NoiseHandshakePayload.byteCountMax
        #expect(throws: WireError.limitExceeded("protobuf message byte count", limit: limit)) {
            try NoiseHandshakePayload(bytes: oversized)
        }
    }

    @Test("a stream muxer that is not UTF-8 is refused")
    func invalidMuxerText() {
        let bytes: [UInt8] = [0x0a, 0x01, 0x01, 0x12, 0x01, 0x02, 0x22, 0x03, 0x12, 0x01, 0xff]
        #expect(throws: WireError.invalidUTF8(field: 2)) { try NoiseHandshakePayload(bytes: bytes) }
    }

    @Test("the signed bytes are the prefix and the static key")
    func signedBytes() throws {
        let staticKey = try X25519PublicKey(bytes: [UInt8](repeating: 0x33, count: 32))
        let expected = Array("noise-libp2p-static-key:".utf8) + [UInt8](repeating: 0x33, count: 32)
        #expect(NoiseHandshakePayload.signedBytes(staticKey: staticKey) == expected)
    }

    @Test("random and mutated payloads never trap, and what decodes re-encodes and decodes the same")
    func property() {
        var generator = SeededGenerator.make(for: "NoiseHandshakePayload.property")
        let valid = Self.handBuiltPayload(signature: [UInt8](repeating: 0x22, count: 64))
        for round in 0..<2000 {
            let input = round.isMultiple(of: 2) ? generator.mutate(valid) : generator.bytes(maximumCount: 200)
            guard let payload = try? NoiseHandshakePayload(bytes: input) else { continue }
            #expect((try? NoiseHandshakePayload(bytes: payload.bytes)) == payload)
        }
    }
}
