import Testing
import TestSupport
import Wire
@testable import Ledger

@Suite("RegisterBaseModel")
struct RegisterBaseModelTests {
    static func model(name: String = "m", format: String = "gguf", hash: [UInt8] = TransactionSamples.hash(5)) -> TransactionKind {
        .registerBaseModel(RegisterBaseModel(modelHash: hash, name: name, format: format))
    }

    @Test("both formats and a 128-byte name round-trip", arguments: ["gguf", "safetensors"])
    func formats(format: String) throws {
        let kind = Self.model(name: String(repeating: "m", count: 128), format: format)
        #expect(try TransactionSamples.roundTrip(kind).kind == kind)
    }

    @Test("malformed registrations are refused", arguments: [
        ("unknown format", model(format: "onnx")),
        ("format in capitals", model(format: "GGUF")),
        ("no format", model(format: "")),
        ("no name", model(name: "")),
        ("129-byte name", model(name: String(repeating: "m", count: 129))),
        ("31-byte hash", model(hash: [UInt8](repeating: 5, count: 31))),
    ])
    func refused(name: String, kind: TransactionKind) {
        #expect(throws: WireError.self, "\(name)") { try TransactionSamples.roundTrip(kind) }
    }
}
