import Ledger
import Sodium
import Testing
import TestSupport
import Wire
@testable import Sequencer

@Suite("Attestations, certificates and batch messages")
struct ChainMessagesTests {
    static let chainID: UInt64 = 161_201
    static let keys = (0..<4).map { try! Ed25519PrivateKey(seed: [UInt8](repeating: UInt8($0 + 10), count: 32)) }
    static let validators = ValidatorSet(members: keys.enumerated().map {
        (AccountAddress(publicKey: $0.element.publicKey), Token.tokens(UInt64(10 * ($0.offset + 1))))
    })
    static let attestation = ConsensusVote(step: .precommit, height: 5, slot: 9, batchHash: [UInt8](repeating: 7, count: 32))

    static func signature(_ index: Int, over attestation: ConsensusVote = attestation) -> FinalityCertificate.Signature {
        FinalityCertificate.Signature(signer: keys[index].publicKey,
                                      signature: keys[index].signature(for: attestation.signingBytes(chainID: chainID)))
    }

    @Test("a certificate with more than 2/3 of the stake verifies, and round-trips canonically")
    func certificateVerifies() throws {
        // Stakes 10, 20, 30, 40 of 100: validators 1, 2, 3 hold 90.
        let certificate = FinalityCertificate(vote: Self.attestation, signatures: [1, 3, 2].map { Self.signature($0) })
        #expect(certificate.verificationFailure(validators: Self.validators, chainID: Self.chainID) == nil)
        var writer = ProtobufWriter()
        certificate.encode(to: &writer)
        var reader = try ProtobufReader(writer.bytes, strictness: .canonical)
        #expect(try FinalityCertificate(from: &reader) == certificate)
    }

    @Test("certificates that prove nothing are refused with the reason")
    func certificateFailures() throws {
        let exactlyTwoThirds = ValidatorSet(members: [(AccountAddress(publicKey: Self.keys[0].publicKey), 2),
                                                      (AccountAddress(publicKey: Self.keys[1].publicKey), 1)])
        let cases: [(FinalityCertificate, ValidatorSet, String)] = [
            (FinalityCertificate(vote: Self.attestation, signatures: [0, 1].map { Self.signature($0) }),
             Self.validators, "2/3"),
            (FinalityCertificate(vote: Self.attestation, signatures: [0].map { Self.signature($0) }),
             exactlyTwoThirds, "2/3"),
            (FinalityCertificate(vote: ConsensusVote(step: .precommit, height: 6, slot: 9, batchHash: Self.attestation.batchHash),
                                 signatures: [1, 2, 3].map { Self.signature($0) }), Self.validators, "does not verify"),
            (FinalityCertificate(vote: Self.attestation, signatures: [1, 2, 3].map { Self.signature($0) }),
             ValidatorSet(members: [(AccountAddress(publicKey: Self.keys[1].publicKey), 1)]), "not a validator"),
        ]
        for (certificate, validators, reason) in cases {
            let failure = certificate.verificationFailure(validators: validators, chainID: Self.chainID)
            #expect(failure?.contains(reason) == true, "\(String(describing: failure))")
        }
        var duplicated = FinalityCertificate(vote: Self.attestation, signatures: [])
        duplicated.signatures = [Self.signature(3), Self.signature(3)]
        #expect(duplicated.verificationFailure(validators: Self.validators, chainID: Self.chainID)?.contains("order") == true)
    }

    @Test("a batch message round-trips, verifies its signatures, and names its leader")
    func batchRoundTrip() throws {
        let sender = try Ed25519PrivateKey(seed: [UInt8](repeating: 99, count: 32))
        let transactions = (0..<3).map { nonce in
            SignedTransaction(signing: Transaction(nonce: UInt64(nonce), fee: 1, expiry: 10,
                                                   kind: .transfer(Transfer(to: AccountAddress(publicKey: Self.keys[0].publicKey), amount: 5))),
                              chainID: Self.chainID, with: sender)
        }
        let header = BatchHeader(height: 6, slot: 10, parentHash: Self.attestation.batchHash!,
                                 transactionsRoot: TransactionsRoot.root(of: transactions),
                                 stateRoot: [UInt8](repeating: 1, count: 32), time: 20)
        let certificate = FinalityCertificate(vote: Self.attestation, signatures: [1, 2, 3].map { Self.signature($0) })
        let message = BatchMessage(header: SignedMessage(signing: header, chainID: Self.chainID, with: Self.keys[2]),
                                   transactions: transactions, certificate: certificate)
        let decoded = try BatchMessage.decode(message.encoded, chainID: Self.chainID)
        #expect(decoded.encoded == message.encoded)
        #expect(decoded.leader == AccountAddress(publicKey: Self.keys[2].publicKey))
        #expect(decoded.hash == message.hash)
        #expect(decoded.certificate == certificate)
        #expect(throws: BatchMessageError.self) { try BatchMessage.decode(message.encoded, chainID: Self.chainID + 1) }
    }

    @Test("malformed batch messages are refused, and random mutations never trap (seeded)")
    func malformed() throws {
        #expect(throws: BatchMessageError.self) { try BatchMessage.decode([], chainID: Self.chainID) }
        #expect(throws: BatchMessageError.self) { try BatchMessage.decode([0x0a, 0x05, 1, 2], chainID: Self.chainID) }
        let header = BatchHeader(height: 1, slot: 1, parentHash: [UInt8](repeating: 0, count: 32),
                                 transactionsRoot: [UInt8](repeating: 0, count: 32), stateRoot: [UInt8](repeating: 0, count: 32), time: 1)
        let valid = BatchMessage(header: SignedMessage(signing: header, chainID: Self.chainID, with: Self.keys[0]),
                                 transactions: [], certificate: nil).encoded
        var generator = SeededGenerator.make(for: "ChainMessagesTests.malformed")
        for _ in 0..<500 {
            let mutated = generator.mutate(valid)
            if let decoded = try? BatchMessage.decode(mutated, chainID: Self.chainID) {
                #expect(decoded.encoded == mutated)
            }
        }
    }
}
