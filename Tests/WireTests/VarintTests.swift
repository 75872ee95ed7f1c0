import Testing
import TestSupport
@testable import Wire

@Suite struct VarintTests {
    /// Examples from the multiformats unsigned-varint specification.
    static let specExamples: [(UInt64, String)] = [
        (1, "01"), (127, "7f"), (128, "8001"), (255, "ff01"), (300, "ac02"), (16384, "808001"),
        (0, "00"), (UInt64.max, "ffffffffffffffffff01"), (UInt64(Int64.max), "ffffffffffffffff7f"),
    ]

    @Test(arguments: specExamples)
    func encodesAndDecodesSpecExamples(value: UInt64, encoding: String) throws {
        #expect(Varint.encode(value) == hex(encoding))
        #expect(Varint.encodedByteCount(of: value) == hex(encoding).count)
        let decoded = try Varint.decode(hex(encoding))
        #expect(decoded.value == value)
        #expect(decoded.byteCount == hex(encoding).count)
    }

    @Test func appendKeepsExistingBytes() {
        var bytes: [UInt8] = [0xaa]
        Varint.append(300, to: &bytes)
        #expect(bytes == [0xaa, 0xac, 0x02])
    }

    @Test func decodeIgnoresFollowingBytes() throws {
        let decoded = try Varint.decode(hex("ac02ff"))
        #expect(decoded.value == 300 && decoded.byteCount == 2)
        let fromSlice = try Varint.decode(hex("00ac02")[1...])
        #expect(fromSlice.value == 300 && fromSlice.byteCount == 2)
    }

    @Test(arguments: ["8000", "818000", "ff00", "8080808000"])
    func rejectsOverlongEncodings(encoding: String) {
        #expect(throws: WireError.overlongVarint) { try Varint.decode(hex(encoding)) }
    }

    @Test func rejectsOverflow() {
        // 11 bytes, and a tenth byte above 1.
        #expect(throws: WireError.varintOverflow) { try Varint.decode(hex("ffffffffffffffffffff01")) }
        #expect(throws: WireError.varintOverflow) { try Varint.decode(hex("ffffffffffffffffff02")) }
        #expect(throws: WireError.varintOverflow) { try Varint.decode(hex("80808080808080808002")) }
    }

    @Test func multiformatsCapIsNineBytes() throws {
        let nineBytes = hex("ffffffffffffffff7f")
        #expect(try Varint.decode(nineBytes, byteCountMax: Varint.multiformatsByteCountMax).value == UInt64(Int64.max))
        #expect(throws: WireError.varintOverflow) {
            try Varint.decode(hex("ffffffffffffffffff01"), byteCountMax: Varint.multiformatsByteCountMax)
        }
        #expect(throws: WireError.varintOverflow) { try Varint.decode(hex("8001"), byteCountMax: 1) }
    }

    @Test(arguments: ["", "80", "ff", "8080", "ffffffffffffffffff"])
    func rejectsTruncatedInput(encoding: String) {
        #expect(throws: WireError.truncated("varint")) { try Varint.decode(hex(encoding)) }
    }

    @Test func randomValuesRoundTripAndRandomBytesNeverTrap() throws {
        var generator = SeededGenerator.make(for: "Varint")
        for _ in 0..<5_000 {
            let value = UInt64.random(in: 0...UInt64.max, using: &generator) >> UInt64.random(in: 0...63, using: &generator)
            let encoded = Varint.encode(value)
            let decoded = try Varint.decode(encoded)
            #expect(decoded.value == value && decoded.byteCount == encoded.count)
            let noise = generator.bytes(maximumCount: 12)
            if let result = try? Varint.decode(noise) {
                #expect(Varint.encode(result.value) == Array(noise.prefix(result.byteCount)))
            }
        }
    }
}
