import Testing
import TestSupport
@testable import Wire

@Suite struct Base16Tests {
    @Test func encodesAndDecodesRFC4648Vector() throws {
        #expect(Base16.encode(Array("foobar".utf8)) == "666f6f626172")
        #expect(try Base16.decode("666f6f626172", byteCountMax: 6) == Array("foobar".utf8))
        #expect(try Base16.decode("666F6F626172", byteCountMax: 6) == Array("foobar".utf8))
        #expect(Base16.encode([0x00, 0xff, 0x10]) == "00ff10")
    }

    @Test func rejectsMalformedText() {
        #expect(throws: WireError.invalidText("hexadecimal text has an odd number of digits (3)")) {
            try Base16.decode("abc", byteCountMax: 6)
        }
        #expect(throws: WireError.invalidCharacter("byte 0x67 at offset 1 is not a hexadecimal digit")) {
            try Base16.decode("0g", byteCountMax: 6)
        }
        #expect(throws: WireError.limitExceeded("base16 decoded byte count", limit: 1)) {
            try Base16.decode("0000", byteCountMax: 1)
        }
    }

    @Test func randomBytesRoundTrip() throws {
        var generator = SeededGenerator.make(for: "Base16")
        for _ in 0..<500 {
            let bytes = generator.bytes(maximumCount: 40)
            #expect(try Base16.decode(Base16.encode(bytes), byteCountMax: 40) == bytes)
            let noise = generator.text(from: "0123456789abcdefABCDEFg", maximumCount: 20)
            _ = try? Base16.decode(noise, byteCountMax: 64)
        }
    }
}
