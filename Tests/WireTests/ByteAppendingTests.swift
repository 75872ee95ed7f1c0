import Testing
import TestSupport
@testable import Wire

@Suite struct ByteAppendingTests {
    @Test func appendsBigEndian() {
        var bytes: [UInt8] = []
        bytes.appendBigEndian(UInt16(0x0102))
        bytes.appendBigEndian(UInt32(0x0304_0506))
        bytes.appendBigEndian(UInt64(0x0708_090a_0b0c_0d0e))
        #expect(bytes == hex("0102030405060708090a0b0c0d0e"))
    }

    @Test func appendsLittleEndian() {
        var bytes: [UInt8] = []
        bytes.appendLittleEndian(UInt32(0x0102_0304))
        bytes.appendLittleEndian(UInt64(1))
        #expect(bytes == hex("04030201" + "0100000000000000"))
    }
}
