import Testing
import TestSupport
@testable import Wire

@Suite struct ProtobufReaderTests {
    /// Reads every field of `bytes`.
    func fields(
        _ bytes: [UInt8],
        strictness: ProtobufStrictness = .lenient,
        limits: ProtobufLimits = .standard
    ) throws(WireError) -> [ProtobufField] {
        var reader = try ProtobufReader(bytes, limits: limits, strictness: strictness)
        var result: [ProtobufField] = []
        while let field = try reader.next() { result.append(field) }
        return result
    }

    /// The examples of the protobuf encoding guide.
    @Test func readsEncodingGuideExamples() throws {
        #expect(try fields(hex("089601")) == [ProtobufField(number: 1, value: .varint(150))])
        #expect(try fields(hex("120774657374696e67")) == [ProtobufField(number: 2, value: .lengthDelimited(Array("testing".utf8)))])
        let outer = try fields(hex("1a03089601"))
        #expect(outer.count == 1)
        var nested = try ProtobufReader([]).nestedReader(for: outer[0])
        #expect(try nested.next() == ProtobufField(number: 1, value: .varint(150)))
        #expect(try nested.next() == nil)
        #expect(nested.depth == 1)
    }

    @Test func readsFixedWidthFields() throws {
        let read = try fields(hex("2d78563412" + "310100000000000080"))
        #expect(read == [
            ProtobufField(number: 5, value: .fixed32(0x1234_5678)),
            ProtobufField(number: 6, value: .fixed64(0x8000_0000_0000_0001)),
        ])
    }

    @Test func lenientModeAcceptsAnyOrderAndRepeats() throws {
        let read = try fields(hex("1001" + "0801" + "1002"))
        #expect(read.map(\.number) == [2, 1, 2])
    }

    @Test func canonicalModeRequiresNonDecreasingFieldNumbers() throws {
        #expect(throws: WireError.fieldsOutOfOrder(previous: 2, next: 1)) {
            try fields(hex("1001" + "0801"), strictness: .canonical)
        }
        #expect(throws: WireError.fieldsOutOfOrder(previous: 2, next: 1)) {
            try fields(hex("0801" + "1001" + "0802"), strictness: .canonical)
        }
        #expect(try fields(hex("0801" + "0802" + "1001" + "f8ffffff0f01"), strictness: .canonical).map(\.number)
            == [1, 1, 2, ProtobufReader.fieldNumberMax])
    }

    @Test func unknownFieldsAreReturnedAndSkippedByTheCaller() throws {
        // field 1 = 7, unknown field 99 (bytes), unknown field 100 (fixed32), field 2 = "x"
        var reader = try ProtobufReader(hex("0807" + "9a0603010203" + "a5060a0b0c0d" + "120178"))
        var number: UInt64?
        var name: String?
        while let field = try reader.next() {
            switch field.number {
            case 1: number = try field.uint64()
            case 2: name = try field.string()
            default: break
            }
        }
        #expect(number == 7 && name == "x")
    }

    @Test(arguments: [(UInt8(0x0b), UInt8(3)), (0x0c, 4), (0x0e, 6), (0x0f, 7)])
    func rejectsGroupsAndUnknownWireTypes(key: UInt8, wireType: UInt8) {
        #expect(throws: WireError.invalidWireType(wireType)) { try fields([key, 0]) }
    }

    @Test func rejectsInvalidFieldNumbers() {
        #expect(throws: WireError.invalidFieldNumber(0)) { try fields(hex("0001")) }
        #expect(throws: WireError.invalidFieldNumber(1 << 29)) { try fields(hex("8080808010" + "01")) }
        #expect(throws: WireError.invalidFieldNumber(1 << 60)) { try fields(hex("80808080808080808001" + "01")) }
    }

    @Test func rejectsOverlongVarintsInBothModes() {
        for strictness in [ProtobufStrictness.lenient, .canonical] {
            #expect(throws: WireError.overlongVarint) { try fields(hex("8800" + "01"), strictness: strictness) }
            #expect(throws: WireError.overlongVarint) { try fields(hex("088000"), strictness: strictness) }
            #expect(throws: WireError.overlongVarint) { try fields(hex("12800003616263"), strictness: strictness) }
        }
    }

    @Test func rejectsTruncatedFields() {
        #expect(throws: WireError.truncated("5 bytes")) { try fields(hex("120561")) }
        #expect(throws: WireError.truncated("varint")) { try fields(hex("08")) }
        #expect(throws: WireError.truncated("varint")) { try fields(hex("0880")) }
        #expect(throws: WireError.truncated("a 4-byte integer")) { try fields(hex("2d0102")) }
        #expect(throws: WireError.truncated("a 8-byte integer")) { try fields(hex("3101020304")) }
    }

    @Test func enforcesLimits() {
        let small = ProtobufLimits(messageByteCountMax: 8, fieldByteCountMax: 3, nestingDepthMax: 2, fieldCountMax: 2)
        #expect(throws: WireError.limitExceeded("protobuf message byte count", limit: 8)) {
            try fields([UInt8](repeating: 8, count: 9), limits: small)
        }
        #expect(throws: WireError.limitExceeded("length-prefixed value", limit: 3)) {
            try fields(hex("120461626364"), limits: small)
        }
        #expect(throws: WireError.limitExceeded("protobuf field count", limit: 2)) {
            try fields(hex("080108020803"), limits: small)
        }
    }

    /// A message nested `depth` levels deep in field 1, with a varint at the bottom.
    func nestedMessage(depth: Int) -> [UInt8] {
        var writer = ProtobufWriter()
        writer.writeVarint(42, field: 2)
        for _ in 0..<depth {
            var outer = ProtobufWriter()
            outer.writeMessage(writer, field: 1)
            writer = outer
        }
        return writer.bytes
    }

    /// Descends through field 1 until it finds field 2; returns how many levels it went down.
    func descend(_ reader: ProtobufReader) throws(WireError) -> Int {
        var reader = reader
        while let field = try reader.next() {
            if field.number == 1 { return try descend(reader.nestedReader(for: field)) }
            if field.number == 2 { return reader.depth }
        }
        return -1
    }

    @Test func limitsNestingDepth() throws {
        let limit = ProtobufLimits.standard.nestingDepthMax
        #expect(try descend(ProtobufReader(nestedMessage(depth: limit))) == limit)
        #expect(throws: WireError.nestingTooDeep(limit: limit)) {
            try descend(ProtobufReader(nestedMessage(depth: limit + 1)))
        }
    }

    @Test func nestedReadersInheritLimitsAndStrictness() throws {
        let limits = ProtobufLimits(messageByteCountMax: 64, fieldByteCountMax: 64, nestingDepthMax: 4, fieldCountMax: 8)
        var reader = try ProtobufReader(hex("0a0410010801"), limits: limits, strictness: .canonical)
        let field = try #require(try reader.next())
        var nested = try reader.nestedReader(for: field)
        #expect(nested.limits == limits && nested.strictness == .canonical)
        #expect(try nested.next()?.number == 2)
        #expect(throws: WireError.fieldsOutOfOrder(previous: 2, next: 1)) { try nested.next() }
        #expect(throws: WireError.wireTypeMismatch(field: 1, expected: .lengthDelimited, actual: .varint)) {
            try reader.nestedReader(for: ProtobufField(number: 1, value: .varint(0)))
        }
    }

    /// Reads everything, descending into length-delimited fields that parse as messages.
    func readDeeply(_ reader: ProtobufReader) -> Int {
        var reader = reader
        var count = 0
        while let field = try? reader.next() {
            count += 1
            if case .lengthDelimited = field.value, let nested = try? reader.nestedReader(for: field) {
                count += readDeeply(nested)
            }
        }
        return count
    }

    @Test func randomAndMutatedInputNeverTraps() throws {
        var generator = SeededGenerator.make(for: "ProtobufReader")
        let valid = hex("089601" + "120774657374696e67" + "1a03089601" + "2d78563412" + "310100000000000080")
        for _ in 0..<3_000 {
            let input = Bool.random(using: &generator) ? generator.mutate(valid) : generator.bytes(maximumCount: 40)
            for strictness in [ProtobufStrictness.lenient, .canonical] {
                if let reader = try? ProtobufReader(input, strictness: strictness) {
                    _ = readDeeply(reader)
                }
            }
        }
    }
}
