import Identity
import Ledger
import Sequencer
import Sodium
import Testing
import TestSupport
import Wire
@testable import Node

@Suite("SyncResponse")
struct SyncResponseTests {
    static let chainID: UInt64 = 9
    static let leader = try! Ed25519PrivateKey(seed: [UInt8](repeating: 7, count: 32))

    /// A batch at height 1 signed by `leader` and a certificate for it signed by `leader`.
    static func entry(slot: UInt64 = 3) -> SyncEntry {
        let header = BatchHeader(height: 1, slot: slot, parentHash: [UInt8](repeating: 1, count: 32),
                                 transactionsRoot: TransactionsRoot.root(of: []), stateRoot: [UInt8](repeating: 2, count: 32),
                                 time: 1_767_225_606)
        let batch = BatchMessage(header: SignedMessage(signing: header, chainID: chainID, with: leader), transactions: [],
                                 certificate: nil)
        let vote = ConsensusVote(step: .precommit, height: 1, slot: slot, batchHash: batch.hash)
        let signature = FinalityCertificate.Signature(signer: leader.publicKey,
                                                      signature: leader.signature(for: vote.signingBytes(chainID: chainID)))
        var writer = ProtobufWriter()
        FinalityCertificate(vote: vote, signatures: [signature]).encode(to: &writer)
        return SyncEntry(batch: batch.encoded, certificate: writer.bytes)
    }

    @Test("round-trips; the layout is id, head height, then each entry as field 3")
    func roundTrip() throws {
        let entry = Self.entry()
        let response = SyncResponse(id: 5, headHeight: 1, entries: [entry, entry])
        let bytes = response.encoded
        #expect(Array(bytes.prefix(4)) == hex("0805 1001"))
        #expect(bytes[4] == 0x1a)
        #expect(try SyncResponse.decode(bytes) == response)
        #expect(SyncResponse(id: 0, headHeight: 0, entries: []).encoded.isEmpty)
        let decoded = try entry.decoded(chainID: Self.chainID)
        #expect(decoded.certificate.height == 1)
        let validators = ValidatorSet(members: [(AccountAddress(publicKey: Self.leader.publicKey), Token.tokens(1))])
        #expect(decoded.certificate.verificationFailure(validators: validators, chainID: Self.chainID) == nil)
    }

    @Test("an entry whose certificate names another batch, or of another chain, does not decode")
    func mismatchedEntry() {
        #expect(throws: (any Error).self) { try Self.entry().decoded(chainID: Self.chainID + 1) }
        let crossed = SyncEntry(batch: Self.entry(slot: 3).batch, certificate: Self.entry(slot: 4).certificate)
        #expect(throws: (any Error).self) { try crossed.decoded(chainID: Self.chainID) }
        var forged = Self.entry()
        forged.certificate[forged.certificate.count - 1] ^= 1
        #expect((try? forged.decoded(chainID: Self.chainID)) != nil, "certificate signatures are the machine's to check")
    }

    @Test("refuses more than 64 entries, unknown fields and entries without a certificate")
    func refusals() {
        let entry = Self.entry()
        let many = SyncResponse(id: 1, headHeight: 1, entries: Array(repeating: entry, count: 65)).encoded
        #expect(throws: WireError.self) { try SyncResponse.decode(many) }
        #expect(throws: WireError.self) { try SyncResponse.decode(hex("2001")) }
        var writer = ProtobufWriter()
        var nested = ProtobufWriter()
        nested.writeBytes(entry.batch, field: 1)
        writer.writeMessage(nested, field: 3)
        #expect(throws: WireError.self) { try SyncResponse.decode(writer.bytes) }
    }

    @Test("random and mutated input never traps")
    func fuzz() {
        var generator = SeededGenerator.make(for: "SyncResponse")
        let valid = SyncResponse(id: 3, headHeight: 1, entries: [Self.entry()]).encoded
        for round in 0..<1_000 {
            let input = round % 2 == 0 ? generator.bytes(maximumCount: 400) : generator.mutate(valid)
            guard let decoded = try? SyncResponse.decode(input) else { continue }
            #expect(decoded.encoded == input)
            for entry in decoded.entries { _ = try? entry.decoded(chainID: Self.chainID) }
        }
    }
}
