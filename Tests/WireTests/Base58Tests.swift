import Testing
import TestSupport
@testable import Wire

@Suite struct Base58Tests {
    /// Bitcoin Core's base58_encode_decode.json vectors, plus the multiformats examples.
    static let vectors: [(String, String)] = [
        ("", ""), ("61", "2g"), ("626262", "a3gV"), ("636363", "aPEr"),
        ("73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"),
        ("00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"),
        ("516b6fcd0f", "ABnLTmg"), ("bf4f89001e670274dd", "3SEo3LWLoPntC"), ("572e4794", "3EFU7m"),
        ("ecac89cad93923c02321", "EJDM8drfXA6uyA"), ("10c8511e", "Rt5zm"),
        ("00000000000000000000", "1111111111"), ("0000287fb4cd", "11233QC4"),
        ("48656c6c6f20576f726c6421", "2NEpo7TZRRrLZSi2U"),  // "Hello World!"
    ]

    @Test(arguments: vectors)
    func encodesAndDecodesVectors(bytes: String, text: String) throws {
        #expect(Base58.encode(hex(bytes)) == text)
        #expect(try Base58.decode(text, byteCountMax: 64) == hex(bytes))
    }

    @Test(arguments: ["0", "O", "I", "l", "2g ", " 2g", "+", "é", "2g\u{0}"])
    func rejectsCharactersOutsideTheAlphabet(text: String) {
        #expect {
            try Base58.decode(text, byteCountMax: 64)
        } throws: { error in
            if case .invalidCharacter = error as? WireError { true } else { false }
        }
    }

    @Test func enforcesTheByteLimit() throws {
        #expect(try Base58.decode("2NEpo7TZRRrLZSi2U", byteCountMax: 12).count == 12)
        #expect(throws: WireError.limitExceeded("base58 decoded byte count", limit: 11)) {
            try Base58.decode("2NEpo7TZRRrLZSi2U", byteCountMax: 11)
        }
        #expect(throws: WireError.limitExceeded("base58 decoded byte count", limit: 3)) {
            try Base58.decode("1111", byteCountMax: 3)
        }
        // Rejected by length before any arithmetic: 1,000,000 characters for a 100-byte limit.
        #expect(throws: WireError.limitExceeded("base58 decoded byte count", limit: 100)) {
            try Base58.decode(String(repeating: "z", count: 1_000_000), byteCountMax: 100)
        }
        #expect(throws: WireError.limitExceeded("base58 decoded byte count", limit: 0)) {
            try Base58.decode("2g", byteCountMax: 0)
        }
        #expect(try Base58.decode("", byteCountMax: 0) == [])
    }

    @Test func randomBytesRoundTripAndRandomTextNeverTraps() throws {
        var generator = SeededGenerator.make(for: "Base58")
        for _ in 0..<1_000 {
            var bytes = generator.bytes(maximumCount: 48)
            if Bool.random(using: &generator) { bytes.insert(contentsOf: [0, 0], at: 0) }
            let text = Base58.encode(bytes)
            #expect(try Base58.decode(text, byteCountMax: bytes.count) == bytes)
            let noise = generator.text(from: String(decoding: Base58.alphabet, as: UTF8.self) + "0OIl+/", maximumCount: 40)
            if let decoded = try? Base58.decode(noise, byteCountMax: 64) {
                #expect(Base58.encode(decoded) == noise)
            }
        }
    }
}
