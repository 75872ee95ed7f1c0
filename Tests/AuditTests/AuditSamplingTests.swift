import Identity
import Ledger
import Sodium
import Testing
import TestSupport
@testable import Audit

/// The tier-2 sampling rule: `AuditSampling`. Expected values from an independent Python
/// implementation (hashlib.blake2b, digest_size=32) of the rule in docs/attribution.md.
@Suite struct AuditSamplingTests {
    static let batchHash = [UInt8](0..<32)
    static let receiptID = [UInt8](32..<64)
    static func address(_ byte: UInt8) -> AccountAddress { try! AccountAddress(bytes: [UInt8](repeating: byte, count: 20)) }
    static let candidates = [
        AuditSampling.Candidate(address: address(0x11), stake: Token.tokens(20_000)),
        AuditSampling.Candidate(address: address(0x22), stake: Token.tokens(10_000)),
        AuditSampling.Candidate(address: address(0x33), stake: Token.tokens(50_000)),
        AuditSampling.Candidate(address: address(0x44), stake: Token.tokens(15_000)),
        AuditSampling.Candidate(address: address(0x55), stake: Token.tokens(5_000)),
    ]

    @Test func seedMatchesTheReference() {
        let seed = AuditSampling.seed(batchHash: Self.batchHash, receiptID: Self.receiptID)
        #expect(seed == [UInt8](hex: "a8ecb0ce4364d5c5ec105b802fadac796854ba5581d54ef95202c0a2c59d2a47"))
        #expect(AuditSampling.bigEndianUInt64(seed) == 12_172_298_292_816_041_413)
    }

    /// The seed's first 8 bytes mod 10⁶ are 41,413: sampled from 41,414 ppm on.
    @Test(arguments: [(0, false), (41_413, false), (41_414, true), (100_000, true), (1_000_000, true)])
    func sampledAtTheBoundary(partsPerMillion: UInt64, sampled: Bool) {
        let seed = AuditSampling.seed(batchHash: Self.batchHash, receiptID: Self.receiptID)
        #expect(AuditSampling.isSampled(seed: seed, auditPartsPerMillion: partsPerMillion) == sampled)
    }

    @Test func sampledShareOfOneBatchMatchesTheReference() {
        let count = (0..<1_000).filter { index in
            let receipt = BLAKE2b256.hash(withUnsafeBytes(of: UInt32(index).bigEndian, Array.init))
            return AuditSampling.isSampled(seed: AuditSampling.seed(batchHash: Self.batchHash, receiptID: receipt),
                                           auditPartsPerMillion: 100_000)
        }.count
        #expect(count == 98)
    }

    @Test func drawValuesMatchTheReference() {
        let seed = AuditSampling.seed(batchHash: Self.batchHash, receiptID: Self.receiptID)
        #expect(AuditSampling.drawValue(seed: seed, draw: 0) == 289_673_177_963_677_341_122_016_317_201_087_865_683)
        #expect(AuditSampling.drawValue(seed: seed, draw: 1) == 276_896_955_329_551_219_566_034_043_507_133_206_929)
        #expect(AuditSampling.drawValue(seed: seed, draw: 2) == 319_386_133_406_005_236_401_296_487_201_600_941_231)
    }

    @Test(arguments: [(1, [0x33]), (3, [0x33, 0x11, 0x22]), (5, [0x33, 0x11, 0x22, 0x44, 0x55]),
                      (7, [0x33, 0x11, 0x22, 0x44, 0x55]), (0, [])])
    func auditorsMatchTheReference(count: Int, expected: [UInt8]) {
        let seed = AuditSampling.seed(batchHash: Self.batchHash, receiptID: Self.receiptID)
        let drawn = AuditSampling.auditors(seed: seed, candidates: Self.candidates, count: count)
        #expect(drawn == expected.map(Self.address))
        // The order candidates come in does not matter once they are sorted as the rule says.
        let shuffled = AuditSampling.candidates(Self.candidates.reversed().map { ($0.address, $0.stake) },
                                                host: Self.address(0x99), stakeMin: 1)
        #expect(AuditSampling.auditors(seed: seed, candidates: shuffled, count: count) == drawn)
    }

    /// Over 2,000 receipts the first draw follows the stakes (reference counts).
    @Test func firstDrawFollowsStake() {
        var counts: [UInt8: Int] = [:]
        for index in 0..<2_000 {
            let receipt = BLAKE2b256.hash(withUnsafeBytes(of: UInt32(index).bigEndian, Array.init))
            let seed = AuditSampling.seed(batchHash: Self.batchHash, receiptID: receipt)
            let first = AuditSampling.auditors(seed: seed, candidates: Self.candidates, count: 1)[0]
            counts[first.bytes[0], default: 0] += 1
        }
        #expect(counts == [0x11: 385, 0x22: 191, 0x33: 997, 0x44: 316, 0x55: 111])
    }

    @Test func candidatesLeaveOutTheHostAndSmallStakesAndSortByAddress() {
        let validators: [(address: AccountAddress, amount: Amount)] = [
            (Self.address(0x44), Token.tokens(10_000)), (Self.address(0x11), Token.tokens(10_000) - 1),
            (Self.address(0x33), Token.tokens(20_000)), (Self.address(0x22), Token.tokens(30_000)),
        ]
        let candidates = AuditSampling.candidates(validators, host: Self.address(0x33), stakeMin: Token.tokens(10_000))
        #expect(candidates.map(\.address) == [Self.address(0x22), Self.address(0x44)])
        #expect(candidates.map(\.stake) == [Token.tokens(30_000), Token.tokens(10_000)])
    }

    @Test func noCandidatesNoAuditors() {
        let seed = AuditSampling.seed(batchHash: Self.batchHash, receiptID: Self.receiptID)
        #expect(AuditSampling.auditors(seed: seed, candidates: [], count: 3).isEmpty)
        let zero = [AuditSampling.Candidate(address: Self.address(1), stake: 0)]
        #expect(AuditSampling.auditors(seed: seed, candidates: zero, count: 3).isEmpty)
    }

    /// Seeded random stakes and counts: draws are distinct candidates, as many as asked or available.
    @Test func randomDrawsAreDistinctCandidates() {
        var random = SeededGenerator.make(for: "audit-draws")
        for _ in 0..<200 {
            let candidates = (0..<Int.random(in: 0...12, using: &random)).map { index in
                AuditSampling.Candidate(address: Self.address(UInt8(index + 1)),
                                        stake: Amount(UInt64.random(in: 0...UInt64.max, using: &random)) << 20)
            }
            let seed = random.bytes(count: 32)
            let count = Int.random(in: 0...16, using: &random)
            let drawn = AuditSampling.auditors(seed: seed, candidates: candidates, count: count)
            #expect(Set(drawn).count == drawn.count)
            #expect(drawn.count == min(count, candidates.filter { $0.stake > 0 }.count))
            #expect(drawn.allSatisfy { address in candidates.contains { $0.address == address } })
        }
    }
}
