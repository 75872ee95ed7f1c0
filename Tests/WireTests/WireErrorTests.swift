import Testing
import TestSupport
@testable import Wire

@Suite struct WireErrorTests {
    static let samples: [WireError] = [
        .truncated("varint"), .overlongVarint, .varintOverflow, .limitExceeded("multiaddr byte count", limit: 1024),
        .invalidWireType(3), .invalidFieldNumber(0),
        .wireTypeMismatch(field: 2, expected: .lengthDelimited, actual: .varint),
        .fieldsOutOfOrder(previous: 2, next: 1), .duplicateField(1), .unknownField(7), .missingField(2),
        .nestingTooDeep(limit: 16), .invalidUTF8(field: 3), .valueOutOfRange("x"), .invalidCharacter("x"),
        .invalidText("x"), .unknownProtocolCode(999), .unknownProtocolName("foo"), .trailingBytes(2),
        .nonCanonical("x"),
    ]

    @Test(arguments: samples)
    func descriptionsAreSentences(error: WireError) {
        let text = error.description
        #expect(text.first?.isUppercase == true || text.first?.isNumber == true)
        #expect(text.hasSuffix("."))
    }

    @Test func descriptionsCarryDetails() {
        #expect(WireError.limitExceeded("multiaddr byte count", limit: 1024).description.contains("1024"))
        #expect(WireError.wireTypeMismatch(field: 2, expected: .lengthDelimited, actual: .varint).description
            == "Protobuf field 2 has wire type VARINT but LEN is required.")
        #expect(WireError.trailingBytes(1).description == "1 unexpected byte follows the end of the value.")
    }
}
