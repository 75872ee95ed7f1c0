import Testing
import TestSupport
@testable import Wire

@Suite struct MultihashTests {
    /// sha2-256("hello world"), as in the multiformats/multihash examples.
    let helloWorld = hex("1220b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9")

    @Test func decodesAndEncodesSHA256() throws {
        let multihash = try Multihash(bytes: helloWorld)
        #expect(multihash.code == Multihash.sha256Code)
        #expect(multihash.digest == hex("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"))
        #expect(multihash.bytes == helloWorld)
        #expect(Base58.encode(multihash.bytes) == "QmaozNR7DZHQK1ZcU9p7QdrshMvXqWK6gpu5rmrkPdT3L4")
    }

    @Test func encodesTwoByteCodesAndIdentity() {
        #expect(Multihash(code: Multihash.blake2b256Code, digest: [1, 2]).bytes == hex("a0e402020102"))
        #expect(Multihash(code: Multihash.identityCode, digest: []).bytes == hex("0000"))
    }

    /// The identity peer id of the Ed25519 key in the peer-ids spec.
    @Test func decodesAnIdentityPeerID() throws {
        let bytes = try Base58.decode("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA", byteCountMax: 64)
        let multihash = try Multihash(bytes: bytes)
        #expect(multihash.code == Multihash.identityCode)
        #expect(multihash.digest == hex("080112202ffa35a99d3a3cfbb17bb7c1dc5561b18a8dcca4df38dc613ea859c37eb1336b"))
    }

    @Test func rejectsMalformedInput() {
        #expect(throws: WireError.trailingBytes(1)) { try Multihash(bytes: helloWorld + [0]) }
        #expect(throws: WireError.truncated("32 bytes")) { try Multihash(bytes: Array(helloWorld.dropLast())) }
        #expect(throws: WireError.truncated("varint")) { try Multihash(bytes: []) }
        #expect(throws: WireError.overlongVarint) { try Multihash(bytes: hex("920000")) }
        #expect(throws: WireError.varintOverflow) { try Multihash(bytes: hex("ffffffffffffffffff0100")) }
        #expect(throws: WireError.limitExceeded("multihash byte count", limit: 128)) {
            try Multihash(bytes: [UInt8](repeating: 0, count: 129))
        }
        #expect(throws: WireError.limitExceeded("multihash byte count", limit: 128)) {
            try Multihash(bytes: hex("007f") + [UInt8](repeating: 0, count: 127))
        }
        #expect(throws: WireError.limitExceeded("multihash byte count", limit: 10)) {
            try Multihash(bytes: helloWorld, byteCountMax: 10)
        }
    }

    @Test func readsFromAStreamLeavingTheRest() throws {
        var reader = ByteReader(helloWorld + [0xaa])
        #expect(try Multihash.read(from: &reader).code == Multihash.sha256Code)
        #expect(try reader.readByte() == 0xaa)
    }

    @Test func randomAndMutatedInputNeverTraps() throws {
        var generator = SeededGenerator.make(for: "Multihash")
        for _ in 0..<2_000 {
            let input = Bool.random(using: &generator) ? generator.mutate(helloWorld) : generator.bytes(maximumCount: 40)
            if let multihash = try? Multihash(bytes: input) {
                #expect(multihash.bytes == input)
            }
            let made = Multihash(code: UInt64.random(in: 0...UInt64(Int64.max), using: &generator), digest: generator.bytes(maximumCount: 64))
            #expect(try Multihash(bytes: made.bytes) == made)
        }
    }
}
