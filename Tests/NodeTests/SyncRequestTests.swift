import Testing
import TestSupport
import Wire
@testable import Node

@Suite("SyncRequest")
struct SyncRequestTests {
    @Test("encodes as canonical protobuf: field keys 0x08, 0x10, 0x18 with varints")
    func knownAnswer() throws {
        let request = SyncRequest(id: 1, fromHeight: 300, count: 64)
        // 08 01 | 10 ac 02 (300 = 0b10_0101100) | 18 40
        #expect(request.encoded == hex("0801 10ac02 1840"))
        #expect(try SyncRequest.decode(request.encoded) == request)
        #expect(SyncRequest(id: 0, fromHeight: 1, count: 1).encoded == hex("1001 1801"))
    }

    @Test("refuses out-of-range values, unknown fields, non-canonical and oversized input",
          arguments: ["", "1000 1801", "1001 1800", "1001 1841", "1001 1801 2001", "1801 1001", "0800 1001 1801",
                      "1081 00 1801"])
    func refusals(text: String) {
        #expect(throws: WireError.self) { try SyncRequest.decode(hex(text)) }
    }

    @Test("random and mutated input never traps")
    func fuzz() {
        var generator = SeededGenerator.make(for: "SyncRequest")
        let valid = SyncRequest(id: 77, fromHeight: 12, count: 9).encoded
        for round in 0..<2_000 {
            let input = round % 2 == 0 ? generator.bytes(maximumCount: 80) : generator.mutate(valid)
            if let decoded = try? SyncRequest.decode(input) {
                #expect(decoded.encoded == input)
            }
        }
    }
}
