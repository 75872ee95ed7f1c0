import Testing
import TestSupport
@testable import Wire

@Suite struct Base32Tests {
    /// RFC 4648 section 10 vectors, lowercased and without padding.
    static let vectors: [(String, String)] = [
        ("", ""), ("f", "my"), ("fo", "mzxq"), ("foo", "mzxw6"), ("foob", "mzxw6yq"),
        ("fooba", "mzxw6ytb"), ("foobar", "mzxw6ytboi"),
    ]

    @Test(arguments: vectors)
    func encodesAndDecodesRFC4648Vectors(plain: String, text: String) throws {
        #expect(Base32.encode(Array(plain.utf8)) == text)
        #expect(try Base32.decode(text, byteCountMax: 16) == Array(plain.utf8))
    }

    @Test(arguments: ["MY", "my======", "m1", "m8", "mé"])
    func rejectsUppercasePaddingAndForeignCharacters(text: String) {
        #expect {
            try Base32.decode(text, byteCountMax: 16)
        } throws: { error in
            if case .invalidCharacter = error as? WireError { true } else { false }
        }
    }

    @Test(arguments: ["m", "mzx", "mzxw6y"])
    func rejectsImpossibleLengths(text: String) {
        #expect(throws: WireError.invalidText("base32 text of \(text.count) characters is not a whole number of bytes")) {
            try Base32.decode(text, byteCountMax: 16)
        }
    }

    @Test func rejectsNonZeroTrailingBits() {
        // "mz" carries 10 bits; the last two must be zero ("my" is canonical for "f").
        #expect(throws: WireError.nonCanonical("the unused final bits of base32 text must be zero")) {
            try Base32.decode("mz", byteCountMax: 16)
        }
    }

    @Test func enforcesTheByteLimit() {
        #expect(throws: WireError.limitExceeded("base32 decoded byte count", limit: 5)) {
            try Base32.decode("mzxw6ytboi", byteCountMax: 5)
        }
    }

    @Test func randomBytesRoundTripAndRandomTextNeverTraps() throws {
        var generator = SeededGenerator.make(for: "Base32")
        for _ in 0..<1_000 {
            let bytes = generator.bytes(maximumCount: 40)
            #expect(try Base32.decode(Base32.encode(bytes), byteCountMax: 40) == bytes)
            let noise = generator.text(from: "abcdefghijklmnopqrstuvwxyz234567=18A", maximumCount: 30)
            if let decoded = try? Base32.decode(noise, byteCountMax: 64) {
                #expect(Base32.encode(decoded) == noise)
            }
        }
    }
}
