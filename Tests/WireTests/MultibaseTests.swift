import Testing
import TestSupport
@testable import Wire

@Suite struct MultibaseTests {
    /// The multiformats/multibase test vectors for "yes mani !".
    static let vectors: [(MultibaseEncoding, String)] = [
        (.base58btc, "z7paNL19xttacUY"), (.base32, "bpfsxgidnmfxgsibb"), (.base32Upper, "BPFSXGIDNMFXGSIBB"),
        (.base16, "f796573206d616e692021"), (.base16Upper, "F796573206D616E692021"),
    ]

    @Test(arguments: vectors)
    func encodesAndDecodesSpecVectors(encoding: MultibaseEncoding, text: String) throws {
        let plain = Array("yes mani !".utf8)
        #expect(Multibase.encode(plain, base: encoding) == text)
        #expect(try Multibase.decode(text, byteCountMax: 16) == plain)
        #expect(try Multibase.decodeReportingEncoding(text, byteCountMax: 16).encoding == encoding)
    }

    @Test func rejectsEmptyTextAndUnknownPrefixes() {
        #expect(throws: WireError.invalidText("multibase text is empty")) { try Multibase.decode("", byteCountMax: 8) }
        #expect(throws: WireError.invalidCharacter("multibase prefix \"m\" is not supported")) {
            try Multibase.decode("mAQID", byteCountMax: 8)
        }
    }

    @Test func bodyMustUseThePrefixCase() {
        for text in ["bPFSXGIDNMFXGSIBB", "BpfsxgidnmfxgsibB", "f796573206D616E692021", "F796573206d616e692021"] {
            #expect {
                try Multibase.decode(text, byteCountMax: 16)
            } throws: { error in
                if case .invalidCharacter = error as? WireError { true } else { false }
            }
        }
    }

    @Test func decodesThePeerIDSpecCID() throws {
        let bytes = try Multibase.decode("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe", byteCountMax: 64)
        #expect(bytes == hex("017212209dff3b17d74cf4d38a50d8b6383e92d181a10395a5e73a726dcccbd21bf6f0b9"))
    }

    @Test func randomBytesRoundTripAndRandomTextNeverTraps() throws {
        var generator = SeededGenerator.make(for: "Multibase")
        for _ in 0..<1_000 {
            let bytes = generator.bytes(maximumCount: 32)
            let encoding = MultibaseEncoding.allCases.randomElement(using: &generator)!
            #expect(try Multibase.decode(Multibase.encode(bytes, base: encoding), byteCountMax: 32) == bytes)
            let noise = generator.text(from: "zbBfFm0123456789abcdefxyzXYZ", maximumCount: 24)
            if let (encoding, decoded) = try? Multibase.decodeReportingEncoding(noise, byteCountMax: 64) {
                #expect(Multibase.encode(decoded, base: encoding) == noise)
            }
        }
    }
}
