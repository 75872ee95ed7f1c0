import Testing
@testable import Wire

/// The key vectors of the libp2p peer-ids specification (also used by rust-libp2p's tests).
enum PeerIDSpecVectors {
    static let ed25519Public = "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"
    static let ed25519Private = "080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"
        + "1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"
    static let secp256k1Public = "08021221037777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99"
    static let secp256k1Private = "0802122053dadf1d5a164d6b4acdb15e24aa4c5b1d3461bdbd42abedb0a4404d56ced8fb"
    static let ecdsaPublic = "0803125b3059301306072a8648ce3d020106082a8648ce3d03010703420004de3d300fa36ae0e8f5d530"
        + "899d83abab44abf3161f162a4bc901d8e6ecda020e8b6d5f8da30525e71d6851510c098e5c47c646a597fb4dcec034e9f77c409e62"
    static let ecdsaPrivate = "08031279307702010104203e5b1fe9712e6c314942a750bd67485de3c1efe85b1bfb520ae8f9ae3dfa4a4c"
        + "a00a06082a8648ce3d030107a14403420004de3d300fa36ae0e8f5d530899d83abab44abf3161f162a4bc901d8e6ecda020e8b"
        + "6d5f8da30525e71d6851510c098e5c47c646a597fb4dcec034e9f77c409e62"
    static let rsaPublic = "080012a60430820222300d06092a864886f70d01010105000382020f003082020a0282020100e1beab071d08"
        + "200bde24eef00d049449b07770ff9910257b2d7d5dda242ce8f0e2f12e1af4b32d9efd2c090f66b0f29986dbb645dae98800897"
        + "04a94e5066d594162ae6ee8892e6ec70701db0a6c445c04778eb3de1293aa1a23c3825b85c6620a2bc3f82f9b0c309bc0ab3aeb"
        + "1873282bebd3da03c33e76c21e9beb172fd44c9e43be32e2c99827033cf8d0f0c606f4579326c930eb4e854395ad941256542c7"
        + "93902185153c474bed109d6ff5141ebf9cd256cf58893a37f83729f97e7cb435ec679d2e33901d27bb35aa0d7e20561da08885ef"
        + "0abbf8e2fb48d6a5487047a9ecb1ad41fa7ed84f6e3e8ecd5d98b3982d2a901b4454991766da295ab78822add5612a2df83bcee8"
        + "14cf50973e80d7ef38111b1bd87da2ae92438a2c8cbcc70b31ee319939a3b9c761dbc13b5c086d6b64bf7ae7dacc14622375d92a"
        + "8ff9af7eb962162bbddebf90acb32adb5e4e4029f1c96019949ecfbfeffd7ac1e3fbcc6b6168c34be3d5a2e5999fcbb39bba7adb"
        + "ca78eab09b9bc39f7fa4b93411f4cc175e70c0a083e96bfaefb04a9580b4753c1738a6a760ae1afd851a1a4bdad231cf56e9284d"
        + "832483df215a46c1c21bdf0c6cfe951c18f1ee4078c79c13d63edb6e14feaeffabc90ad317e4875fe648101b0864097e998f0ca3"
        + "025ef9638cd2b0caecd3770ab54a1d9c6ca959b0f5dcbc90caeefc4135baca6fd475224269bbe1b0203010001"
}

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
