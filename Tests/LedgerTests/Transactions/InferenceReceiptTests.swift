import Identity
import Sodium
import Testing
import TestSupport
import Wire
@testable import Ledger

/// `InferenceReceipt` and `AttributionEntry`.
@Suite("InferenceReceipt")
struct InferenceReceiptTests {
    static func entry(_ byte: UInt8, _ weight: UInt32) -> AttributionEntry {
        AttributionEntry(contributionID: TransactionSamples.hash(byte), weightPPM: weight)
    }

    static func receipt(
        authorization: [UInt8] = [1, 2, 3], method: String = "influence/1",
        attribution: [AttributionEntry] = [entry(4, 1_000_000)], promptHash: [UInt8] = TransactionSamples.hash(9),
        adapterHash: [UInt8] = []
    ) -> TransactionKind {
        .inferenceReceipt(InferenceReceipt(
            clientAuthorization: authorization, datanetID: TransactionSamples.hash(2), adapterHash: adapterHash,
            promptHash: promptHash, outputHash: TransactionSamples.hash(10), tokensIn: 1, tokensOut: 2, fee: 3,
            method: method, attribution: attribution, attributionRoot: []
        ))
    }

    @Test("receipts at the limits round-trip: 64 entries, a 640-byte authorisation")
    func atLimits() throws {
        #expect(InferenceReceipt.attributionCountMax == 64)
        #expect(SignedMessage<FeeAuthorization>.envelopeByteCountMax == 640)
        let kind = Self.receipt(
            authorization: [UInt8](repeating: 7, count: 640),
            attribution: (0..<64).map { Self.entry(UInt8($0), 15_625) }, adapterHash: TransactionSamples.hash(6)
        )
        #expect(try TransactionSamples.roundTrip(kind).kind == kind)
    }

    @Test("an entry with weight 0 decodes (it has no field 2); the state machine refuses it")
    func zeroWeightDecodes() throws {
        let kind = Self.receipt(attribution: [Self.entry(4, 0), Self.entry(5, 1_000_000)])
        #expect(try TransactionSamples.roundTrip(kind).kind == kind)
    }

    @Test("a real fee authorisation envelope fits in a receipt")
    func realAuthorization() throws {
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 3, count: 32))
        let authorization = FeeAuthorization(
            host: TransactionSamples.address, adapterHash: TransactionSamples.hash(6), feeMax: .max,
            authorizationID: TransactionSamples.hash(15), expiry: .max
        )
        let envelope = SignedMessage(signing: authorization, chainID: 1, with: key).envelopeBytes
        let decoded = try TransactionSamples.roundTrip(Self.receipt(authorization: envelope))
        guard case .inferenceReceipt(let receipt) = decoded.kind else { Issue.record("not a receipt"); return }
        #expect(try SignedMessage<FeeAuthorization>.verified(receipt.clientAuthorization, chainID: 1).body == authorization)
    }

    @Test("malformed receipts are refused", arguments: [
        ("65 entries", receipt(attribution: (0..<65).map { entry(UInt8($0), 1) })),
        ("unknown method", receipt(method: "span/2")),
        ("no method", receipt(method: "")),
        ("no authorisation", receipt(authorization: [])),
        ("641-byte authorisation", receipt(authorization: [UInt8](repeating: 7, count: 641))),
        ("31-byte prompt hash", receipt(promptHash: [UInt8](repeating: 9, count: 31))),
        ("no prompt hash", receipt(promptHash: [])),
        ("33-byte adapter hash", receipt(adapterHash: [UInt8](repeating: 6, count: 33))),
        ("31-byte contribution id", receipt(attribution: [AttributionEntry(contributionID: [UInt8](repeating: 4, count: 31), weightPPM: 1)])),
        ("entry without contribution id", receipt(attribution: [AttributionEntry(contributionID: [], weightPPM: 1)])),
    ])
    func refused(name: String, kind: TransactionKind) {
        #expect(throws: WireError.self, "\(name)") { try TransactionSamples.roundTrip(kind) }
    }

    @Test("an entry's weight above 32 bits is refused")
    func wideWeight() {
        // An AttributionEntry with field 2 = 2^32 (varint 80 80 80 80 10).
        var entry = ProtobufWriter()
        entry.writeBytes(TransactionSamples.hash(4), field: 1)
        entry.writeVarint(1 << 32, field: 2)
        var writer = ProtobufWriter()
        writer.writeMessage(entry, field: 10)
        var reader = try! ProtobufReader(writer.bytes, strictness: .canonical)
        #expect(throws: WireError.self) {
            let field = try reader.next()!
            _ = try reader.nestedMessage(AttributionEntry.self, in: field)
        }
    }
}
