import Testing
import TestSupport
@testable import Wire

@Suite struct ProtobufWriterTests {
    /// The examples of the protobuf encoding guide.
    @Test func writesEncodingGuideExamples() {
        var first = ProtobufWriter()
        first.writeVarint(150, field: 1)
        #expect(first.bytes == hex("089601"))
        var second = ProtobufWriter()
        second.writeString("testing", field: 2)
        #expect(second.bytes == hex("120774657374696e67"))
        var third = ProtobufWriter()
        third.writeMessage(first, field: 3)
        #expect(third.bytes == hex("1a03089601"))
    }

    @Test func writesTwosComplementAndFixedWidthValues() {
        var writer = ProtobufWriter()
        writer.writeInt64(-2, field: 1)
        writer.writeFixed32(0x1234_5678, field: 5)
        writer.writeFixed64(0x8000_0000_0000_0001, field: 6)
        writer.writeBool(true, field: 7)
        writer.writeBytes([0xde, 0xad], field: 8)
        #expect(writer.bytes == hex("08feffffffffffffffff01" + "2d78563412" + "310100000000000080" + "3801" + "4202dead"))
    }

    @Test func emitsFieldsInNumberOrderKeepingRepeatedOrder() {
        var writer = ProtobufWriter()
        writer.writeVarint(3, field: 3)
        writer.writeVarint(1, field: 1)
        writer.writeVarint(9, field: 2)
        writer.writeVarint(2, field: 1)
        writer.writeVarint(8, field: 2)
        #expect(writer.bytes == hex("0801" + "0802" + "1009" + "1008" + "1803"))
    }

    @Test func omitsProto3Defaults() {
        var writer = ProtobufWriter()
        writer.writeVarintIfNonZero(0, field: 1)
        writer.writeBytesIfNotEmpty([UInt8](), field: 2)
        writer.writeStringIfNotEmpty("", field: 3)
        writer.writeBoolIfTrue(false, field: 4)
        #expect(writer.isEmpty && writer.bytes.isEmpty)
        writer.writeVarintIfNonZero(5, field: 1)
        writer.writeBytesIfNotEmpty([7], field: 2)
        writer.writeStringIfNotEmpty("a", field: 3)
        writer.writeBoolIfTrue(true, field: 4)
        #expect(writer.bytes == hex("0805" + "120107" + "1a0161" + "2001"))
    }

    @Test func largestFieldNumberUsesFiveByteKey() {
        var writer = ProtobufWriter()
        writer.writeVarint(1, field: ProtobufReader.fieldNumberMax)
        #expect(writer.bytes == hex("f8ffffff0f01"))
    }

    /// A nested message written in place equals the one built in a writer of its own, for
    /// contents below and past 127 bytes (where the one-byte length grows), fields out of
    /// order inside and outside it, and a message nested in a nested one.
    @Test func nestedMessagesInPlaceEqualSeparateWriters() {
        var generator = SeededGenerator.make(for: "ProtobufWriter.nested")
        for _ in 0..<300 {
            let inner = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                ProtobufField(number: Int.random(in: 1...300, using: &generator), value: randomValue(using: &generator))
            }
            let outerNumber = Int.random(in: 1...20, using: &generator)
            let before = ProtobufField(number: Int.random(in: 1...20, using: &generator), value: randomValue(using: &generator))
            var separate = ProtobufWriter()
            write(before.value, field: before.number, to: &separate)
            var nested = ProtobufWriter()
            for field in inner { write(field.value, field: field.number, to: &nested) }
            var twice = ProtobufWriter()
            twice.writeMessage(nested, field: 1)
            separate.writeMessage(nested, field: outerNumber)
            separate.writeMessage(twice, field: outerNumber + 1)
            var inPlace = ProtobufWriter()
            write(before.value, field: before.number, to: &inPlace)
            let fill = { (writer: inout ProtobufWriter) in for field in inner { write(field.value, field: field.number, to: &writer) } }
            inPlace.writeMessage(field: outerNumber, fill)
            inPlace.writeMessage(field: outerNumber + 1) { $0.writeMessage(field: 1, fill) }
            #expect(inPlace.bytes == separate.bytes)
        }
    }

    @Test func bytesFilledInPlaceEqualAnArray() {
        var filled = ProtobufWriter()
        filled.writeBytes(count: 3, field: 2) { bytes in
            for index in bytes.indices { bytes[index] = UInt8(index + 7) }
        }
        filled.writeBytes(count: 0, field: 1) { _ in }
        var copied = ProtobufWriter()
        copied.writeBytes([UInt8](), field: 1)
        copied.writeBytes([7, 8, 9], field: 2)
        #expect(filled.bytes == copied.bytes)
        #expect(filled.bytes == hex("0a00" + "1203070809"))
    }

    func randomValue(using generator: inout SeededGenerator) -> ProtobufValue {
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: .varint(UInt64.random(in: 0...UInt64.max, using: &generator))
        case 1: .fixed32(UInt32.random(in: 0...UInt32.max, using: &generator))
        case 2: .fixed64(UInt64.random(in: 0...UInt64.max, using: &generator))
        // Lengths past 127 take a two-byte varint, which out-of-order writes must skip whole.
        default: .lengthDelimited(generator.bytes(maximumCount: Bool.random(using: &generator) ? 10 : 300))
        }
    }

    func write(_ value: ProtobufValue, field: Int, to writer: inout ProtobufWriter) {
        switch value {
        case .varint(let raw): writer.writeVarint(raw, field: field)
        case .fixed32(let raw): writer.writeFixed32(raw, field: field)
        case .fixed64(let raw): writer.writeFixed64(raw, field: field)
        case .lengthDelimited(let raw): writer.writeBytes(raw, field: field)
        }
    }

    @Test func randomMessagesReadBackCanonically() throws {
        var generator = SeededGenerator.make(for: "ProtobufWriter")
        for _ in 0..<500 {
            var writer = ProtobufWriter()
            var expected: [ProtobufField] = []
            for _ in 0..<Int.random(in: 0...8, using: &generator) {
                let numbers = Bool.random(using: &generator) ? 1...20 : 1...ProtobufReader.fieldNumberMax
                let field = ProtobufField(number: Int.random(in: numbers, using: &generator), value: randomValue(using: &generator))
                write(field.value, field: field.number, to: &writer)
                expected.append(field)
            }
            var reader = try ProtobufReader(writer.bytes, strictness: .canonical)
            var read: [ProtobufField] = []
            while let field = try reader.next() { read.append(field) }
            let sorted = expected.enumerated().sorted { ($0.element.number, $0.offset) < ($1.element.number, $1.offset) }
            #expect(read == sorted.map(\.element))
        }
    }
}
