import InferenceAPI
import Ledger
import Testing
import TestSupport
import Wire
@testable import Hosting

/// `POST /v1/oln/transactions` bodies: a signed envelope for this chain, or a 400.
@Suite("LedgerRoutesTransaction")
struct LedgerRoutesTransactionTests {
    static func body(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test("a signed transfer for this chain decodes to the same transaction, and the answer names its id")
    func valid() throws {
        let fixture = try LedgerRoutesFixture()
        let transfer = fixture.transaction(.transfer(Transfer(to: fixture.addresses[2], amount: 5)), from: 1, nonce: 0)
        let text = #"{"envelope_hex": "\#(Base16.encode(transfer.envelopeBytes))"}"#
        let decoded = try LedgerRoutesTransaction.decode(body: Self.body(text), chainID: LedgerRoutesFixture.chainID)
        #expect(decoded.envelopeBytes == transfer.envelopeBytes)
        let answer = LedgerRoutesTransaction.answer(decoded, accepted: true)
        #expect(answer["id"] == .string(Base16.encode(transfer.id)))
        #expect(answer["sender"] == .string(fixture.addresses[1].description))
        #expect(answer["accepted"] == true)
    }

    @Test("an envelope signed for another chain is refused")
    func wrongChain() throws {
        let fixture = try LedgerRoutesFixture()
        let transfer = fixture.transaction(.transfer(Transfer(to: fixture.addresses[2], amount: 5)), from: 1, nonce: 0)
        let text = #"{"envelope_hex": "\#(Base16.encode(transfer.envelopeBytes))"}"#
        #expect {
            _ = try LedgerRoutesTransaction.decode(body: Self.body(text), chainID: LedgerRoutesFixture.chainID + 1)
        } throws: { error in
            (error as? APIError)?.status == .badRequest && (error as? APIError)?.code == "invalid_transaction"
        }
    }

    @Test("malformed bodies answer 400", arguments: [
        "", "[]", "not json", #"{"envelope": "00"}"#, #"{"envelope_hex": 12}"#, #"{"envelope_hex": "0g"}"#,
        #"{"envelope_hex": "abc"}"#, #"{"envelope_hex": ""}"#, #"{"envelope_hex": "0a0100"}"#,
    ])
    func malformed(_ text: String) {
        #expect {
            _ = try LedgerRoutesTransaction.decode(body: Self.body(text), chainID: LedgerRoutesFixture.chainID)
        } throws: { error in
            (error as? APIError)?.status == .badRequest
        }
    }

    @Test("random and mutated bodies never trap")
    func randomBodies() throws {
        var generator = SeededGenerator.make(for: "LedgerRoutesTransaction.randomBodies")
        let fixture = try LedgerRoutesFixture()
        let transfer = fixture.transaction(.transfer(Transfer(to: fixture.addresses[2], amount: 5)), from: 1, nonce: 0)
        let valid = Self.body(#"{"envelope_hex": "\#(Base16.encode(transfer.envelopeBytes))"}"#)
        for round in 0..<300 {
            let body = round.isMultiple(of: 2) ? generator.bytes(count: Int(generator.next() % 256))
                                               : generator.mutate(valid)
            _ = try? LedgerRoutesTransaction.decode(body: body, chainID: LedgerRoutesFixture.chainID)
        }
    }
}
