import Testing
import TestSupport
@testable import Wire

@Suite struct ProtobufFieldTests {
    let varintField = ProtobufField(number: 3, value: .varint(1))

    @Test func typedAccessorsReadMatchingWireTypes() throws {
        #expect(try ProtobufField(number: 1, value: .varint(UInt64.max)).uint64() == UInt64.max)
        #expect(try ProtobufField(number: 1, value: .varint(UInt64(UInt32.max))).uint32() == UInt32.max)
        #expect(try ProtobufField(number: 1, value: .varint(UInt64.max - 1)).int64() == -2)
        #expect(try ProtobufField(number: 1, value: .varint(UInt64.max)).int32() == -1)
        #expect(try ProtobufField(number: 1, value: .varint(1)).bool() == true)
        #expect(try ProtobufField(number: 1, value: .varint(0)).bool() == false)
        #expect(try ProtobufField(number: 1, value: .varint(3)).enumValue() == 3)
        #expect(try ProtobufField(number: 1, value: .fixed32(7)).fixed32() == 7)
        #expect(try ProtobufField(number: 1, value: .fixed64(8)).fixed64() == 8)
        #expect(try ProtobufField(number: 1, value: .lengthDelimited([0xe2, 0x82, 0xac])).string() == "€")
        #expect(try ProtobufField(number: 1, value: .lengthDelimited([1, 2])).bytes() == [1, 2])
    }

    @Test func rejectsValuesOutOfRange() {
        #expect(throws: WireError.valueOutOfRange("field 4 holds 4294967296, which does not fit in 32 bits")) {
            try ProtobufField(number: 4, value: .varint(1 << 32)).uint32()
        }
        #expect(throws: WireError.valueOutOfRange("field 4 holds 2, but a bool must be 0 or 1")) {
            try ProtobufField(number: 4, value: .varint(2)).bool()
        }
        #expect(throws: WireError.valueOutOfRange("field 4 holds 2147483648, which does not fit in 32 bits")) {
            try ProtobufField(number: 4, value: .varint(1 << 31)).int32()
        }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: WireError.invalidUTF8(field: 5)) {
            try ProtobufField(number: 5, value: .lengthDelimited([0x61, 0xff])).string()
        }
        #expect(throws: WireError.invalidUTF8(field: 5)) {
            try ProtobufField(number: 5, value: .lengthDelimited([0xed, 0xa0, 0x80])).string()  // a surrogate
        }
    }

    @Test func rejectsWireTypeMismatches() {
        #expect(throws: WireError.wireTypeMismatch(field: 3, expected: .lengthDelimited, actual: .varint)) {
            try varintField.bytes()
        }
        #expect(throws: WireError.wireTypeMismatch(field: 3, expected: .lengthDelimited, actual: .varint)) {
            try varintField.string()
        }
        #expect(throws: WireError.wireTypeMismatch(field: 3, expected: .fixed32, actual: .varint)) {
            try varintField.fixed32()
        }
        #expect(throws: WireError.wireTypeMismatch(field: 3, expected: .fixed64, actual: .varint)) {
            try varintField.fixed64()
        }
        #expect(throws: WireError.wireTypeMismatch(field: 2, expected: .varint, actual: .fixed32)) {
            try ProtobufField(number: 2, value: .fixed32(0)).uint64()
        }
    }
}
