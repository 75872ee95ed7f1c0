import Testing
import TestSupport
@testable import Wire

@Suite struct LibP2PPublicKeyTests {
    static let vectors: [(String, LibP2PKeyType, Int)] = [
        (PeerIDSpecVectors.ed25519Public, .ed25519, 32),
        (PeerIDSpecVectors.secp256k1Public, .secp256k1, 33),
        (PeerIDSpecVectors.ecdsaPublic, .ecdsa, 91),
        (PeerIDSpecVectors.rsaPublic, .rsa, 550),
    ]

    @Test(arguments: vectors)
    func decodesAndReencodesSpecVectors(encoding: String, type: LibP2PKeyType, dataByteCount: Int) throws {
        let key = try LibP2PPublicKey(protobufBytes: hex(encoding))
        #expect(key.type == type)
        #expect(key.data.count == dataByteCount)
        #expect(key.protobufBytes == hex(encoding))
    }

    @Test func encodesEd25519AsTheSpecSays() throws {
        let data = Array(hex(PeerIDSpecVectors.ed25519Public).suffix(32))
        #expect(LibP2PPublicKey(type: .ed25519, data: data).protobufBytes == hex("08011220") + data)
        // RSA is type 0, and the Type field is written anyway.
        #expect(LibP2PPublicKey(type: .rsa, data: [1]).protobufBytes == hex("0800120101"))
    }

    static let malformed: [(String, WireError)] = [
        ("", .missingField(1)),
        ("0801", .missingField(2)),
        ("120101", .missingField(1)),
        ("1201010801", .fieldsOutOfOrder(previous: 2, next: 1)),
        ("08010801120101", .duplicateField(1)),
        ("0801120101120101", .duplicateField(2)),
        ("08011201011801", .unknownField(3)),
        ("08011801", .missingField(2)),
        ("0804120101", .valueOutOfRange("key type 4 is not one of RSA (0), Ed25519 (1), Secp256k1 (2), ECDSA (3)")),
        ("0a0101120101", .wireTypeMismatch(field: 1, expected: .varint, actual: .lengthDelimited)),
        ("08011001", .wireTypeMismatch(field: 2, expected: .lengthDelimited, actual: .varint)),
        ("088100120101", .overlongVarint),
        ("0801120201", .truncated("2 bytes")),
    ]

    @Test(arguments: malformed)
    func rejectsNonCanonicalOrMalformedMessages(encoding: String, error: WireError) {
        #expect(throws: error) { try LibP2PPublicKey(protobufBytes: hex(encoding)) }
    }

    @Test func enforcesTheByteLimit() {
        let oversized = LibP2PPublicKey(type: .rsa, data: [UInt8](repeating: 1, count: 8_200)).protobufBytes
        #expect(throws: WireError.limitExceeded("protobuf message byte count", limit: LibP2PPublicKey.protobufByteCountMax)) {
            try LibP2PPublicKey(protobufBytes: oversized)
        }
    }

    @Test func randomAndMutatedInputNeverTraps() throws {
        var generator = SeededGenerator.make(for: "LibP2PPublicKey")
        let samples = Self.vectors.map { hex($0.0) }
        for _ in 0..<3_000 {
            let input = Bool.random(using: &generator)
                ? generator.mutate(samples.randomElement(using: &generator)!)
                : generator.bytes(maximumCount: 40)
            if let key = try? LibP2PPublicKey(protobufBytes: input) {
                #expect(key.protobufBytes == input)
            }
            let made = LibP2PPublicKey(type: LibP2PKeyType.allCases.randomElement(using: &generator)!, data: generator.bytes(maximumCount: 40))
            #expect(try LibP2PPublicKey(protobufBytes: made.protobufBytes) == made)
        }
    }
}
