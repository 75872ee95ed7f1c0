import Identity
import Sodium
import Testing
import TestSupport
import Wire
@testable import Ledger

@Suite("SignedTransaction")
struct SignedTransactionTests {
    static let chainID: UInt64 = 161_201
    static let key = try! Ed25519PrivateKey(seed: Array(1...32))
    // Scripts/fixtures/make_ledger_vectors.py: the sample transfer signed with PyNaCl by the key
    // with seed 01 02 … 20 for chain 161201, in a SignedEnvelope written by Python's protobuf.
    static let envelope = hex(
        "0a2e0801120203e81880e2cfaa0652200a14111111111111111111111111111111111111111112080de0b6b3a7640000"
            + "122079b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664"
            + "1a40d3037b11e8258fbf250a1d4b0c13163828ec1a7d1f1e946e4b84a211ce473e6c203831cd6336a820304e5283633ac17b839367fd11bc189db51249fc0088800f"
    )
    // The same script: the first 20 bytes of BLAKE2b-256("oln-account" ‖ public key), by hashlib.
    static let signerAddress = hex("f84a4293517416bc2b4917c6d1e9f830680f5450")

    @Test("signing gives the envelope of an independent implementation")
    func knownEnvelope() {
        let signed = SignedTransaction(signing: TransactionSamples.transfer, chainID: Self.chainID, with: Self.key)
        #expect(signed.envelopeBytes == Self.envelope)
        #expect(signed.signerAddress.bytes == Self.signerAddress)
    }

    @Test("an envelope verifies for its chain id and names its sender")
    func verifies() throws {
        let signed = try SignedTransaction.verified(Self.envelope, chainID: Self.chainID)
        #expect(signed.body == TransactionSamples.transfer)
        #expect(signed.signerAddress.bytes == Self.signerAddress)
        #expect(signed.bodyBytes == TransactionSamples.transfer.canonicalBytes)
    }

    @Test("an envelope is refused under another chain id")
    func otherChainRefused() {
        #expect(throws: SignedMessageError.invalidSignature) {
            try SignedTransaction.verified(Self.envelope, chainID: Self.chainID + 1)
        }
    }

    @Test("every sample kind signs and verifies, and a flipped body bit is refused", arguments: TransactionSamples.all)
    func everyKindSigns(name: String, transaction: Transaction, encoding: String) throws {
        let envelope = SignedTransaction(signing: transaction, chainID: 7, with: Self.key).envelopeBytes
        #expect(try SignedTransaction.verified(envelope, chainID: 7).body == transaction, "\(name)")
        var tampered = envelope
        tampered[tampered.count / 3] ^= 0x01
        #expect(throws: SignedMessageError.self, "\(name)") { try SignedTransaction.verified(tampered, chainID: 7) }
    }
}
