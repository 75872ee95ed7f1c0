import Testing
import TestSupport
@testable import Wire

@Suite struct ByteReaderTests {
    @Test func readsFixedWidthIntegers() throws {
        var reader = ByteReader(hex("0102" + "01020304" + "0102030405060708" + "01020304" + "0102030405060708"))
        #expect(try reader.readUInt16BigEndian() == 0x0102)
        #expect(try reader.readUInt32BigEndian() == 0x0102_0304)
        #expect(try reader.readUInt64BigEndian() == 0x0102_0304_0506_0708)
        #expect(try reader.readUInt32LittleEndian() == 0x0403_0201)
        #expect(try reader.readUInt64LittleEndian() == 0x0807_0605_0403_0201)
        #expect(reader.isAtEnd)
        try reader.expectEnd()
    }

    @Test func tracksPositionAndRemainingBytes() throws {
        var reader = ByteReader([1, 2, 3, 4])
        #expect(try reader.readByte() == 1)
        #expect(reader.position == 1 && reader.remainingByteCount == 3)
        #expect(try reader.readBytes(2) == [2, 3])
        #expect(throws: WireError.trailingBytes(1)) { try reader.expectEnd() }
        #expect(throws: WireError.truncated("2 bytes")) { try reader.readBytes(2) }
        #expect(throws: WireError.valueOutOfRange("byte count -1 is negative")) { try reader.readBytes(-1) }
        #expect(try reader.readByte() == 4)
        #expect(throws: WireError.truncated("a byte")) { try reader.readByte() }
    }

    @Test func shortIntegersAreTruncated() {
        var reader = ByteReader([1, 2, 3])
        #expect(throws: WireError.truncated("a 4-byte integer")) { try reader.readUInt32BigEndian() }
        #expect(reader.position == 0)
    }

    @Test func readsVarintsAndLengthPrefixedValues() throws {
        var reader = ByteReader(hex("ac02" + "03616263" + "05"))
        #expect(try reader.readVarint() == 300)
        #expect(try reader.readLengthPrefixed(byteCountMax: 3) == Array("abc".utf8))
        #expect(throws: WireError.limitExceeded("length-prefixed value", limit: 4)) {
            try reader.readLengthPrefixed(byteCountMax: 4)
        }
        var short = ByteReader(hex("05616263"))
        #expect(throws: WireError.truncated("5 bytes")) { try short.readLengthPrefixed(byteCountMax: 10) }
        var huge = ByteReader(hex("ffffffffffffffffff01"))
        #expect(throws: WireError.limitExceeded("length-prefixed value", limit: Int.max)) {
            try huge.readLengthPrefixed(byteCountMax: Int.max)
        }
    }

    @Test func randomReadsNeverTrap() {
        var generator = SeededGenerator.make(for: "ByteReader")
        for _ in 0..<2_000 {
            var reader = ByteReader(generator.bytes(maximumCount: 24))
            for _ in 0..<8 {
                switch Int.random(in: 0..<6, using: &generator) {
                case 0: _ = try? reader.readVarint()
                case 1: _ = try? reader.readLengthPrefixed(byteCountMax: 16)
                case 2: _ = try? reader.readUInt64LittleEndian()
                case 3: _ = try? reader.readUInt16BigEndian()
                case 4: _ = try? reader.readBytes(Int.random(in: -2...30, using: &generator))
                default: _ = try? reader.readByte()
                }
                #expect(reader.position <= reader.bytes.count)
            }
        }
    }
}
