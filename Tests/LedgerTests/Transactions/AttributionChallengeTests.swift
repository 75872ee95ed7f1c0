import Testing
import TestSupport
import Wire
@testable import Ledger

/// `AttributionChallenge` and `ChallengeVote`.
@Suite("AttributionChallenge")
struct AttributionChallengeTests {
    static func challenge(receiptID: [UInt8] = TransactionSamples.hash(13), count: Int) -> TransactionKind {
        let correction = (0..<count).map { AttributionEntry(contributionID: TransactionSamples.hash(UInt8($0)), weightPPM: UInt32($0)) }
        return .attributionChallenge(AttributionChallenge(receiptID: receiptID, correction: correction, bond: 9))
    }

    @Test("challenges with 0 to 64 entries round-trip", arguments: [0, 1, 64])
    func roundTrip(count: Int) throws {
        #expect(AttributionChallenge.correctionCountMax == 64)
        let kind = Self.challenge(count: count)
        #expect(try TransactionSamples.roundTrip(kind).kind == kind)
    }

    @Test("malformed challenges are refused", arguments: [
        ("65 entries", challenge(count: 65)),
        ("no receipt id", challenge(receiptID: [], count: 1)),
        ("33-byte receipt id", challenge(receiptID: [UInt8](repeating: 1, count: 33), count: 1)),
    ])
    func refused(name: String, kind: TransactionKind) {
        #expect(throws: WireError.self, "\(name)") { try TransactionSamples.roundTrip(kind) }
    }

    @Test("a challenge vote round-trips and refuses a short id", arguments: [true, false])
    func vote(uphold: Bool) throws {
        let kind = TransactionKind.challengeVote(ChallengeVote(challengeID: TransactionSamples.hash(3), uphold: uphold))
        #expect(try TransactionSamples.roundTrip(kind).kind == kind)
        let short = TransactionKind.challengeVote(ChallengeVote(challengeID: [UInt8](repeating: 3, count: 31), uphold: uphold))
        #expect(throws: WireError.self) { try TransactionSamples.roundTrip(short) }
    }
}
