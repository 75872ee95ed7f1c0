import InferenceAPI
import Testing
@testable import Hosting

/// Path parameters of the ledger routes: 400 for anything but the expected text.
@Suite("LedgerRoutesParameters")
struct LedgerRoutesParametersTests {
    @Test("a 64-digit identifier decodes, in either case")
    func identifier() throws {
        let text = String(repeating: "aB", count: 32)
        #expect(try LedgerRoutesParameters.identifier(["id": text], "id") == [UInt8](repeating: 0xab, count: 32))
    }

    @Test("bad identifiers answer 400 naming the parameter", arguments: [
        "", "ab", String(repeating: "a", count: 63), String(repeating: "a", count: 66), String(repeating: "g", count: 64),
        String(repeating: "é", count: 32),
    ])
    func badIdentifier(_ text: String) {
        #expect {
            _ = try LedgerRoutesParameters.identifier(["id": text], "id")
        } throws: { error in
            (error as? APIError)?.status == .badRequest && (error as? APIError)?.parameter == "id"
        }
    }

    @Test("an address parses; malformed ones answer 400", arguments: [
        ("0x" + String(repeating: "1", count: 40), true),
        ("0x" + String(repeating: "1", count: 39), false),
        (String(repeating: "1", count: 42), false),
        ("0x" + String(repeating: "z", count: 40), false),
        ("", false),
    ])
    func address(_ text: String, _ valid: Bool) {
        let result = Result { () throws(APIError) in try LedgerRoutesParameters.address(["address": text], "address") }
        switch result {
        case .success(let address): #expect(valid && address.bytes == [UInt8](repeating: 0x11, count: 20))
        case .failure(let error): #expect(!valid && error.status == .badRequest && error.parameter == "address")
        }
    }
}
