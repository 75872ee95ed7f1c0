import Curation
import Foundation
import Sodium
import Ledger
import TestSupport
import Testing

@Suite struct CurationPolicyTests {
    static let rules = DatanetRules(curatorStakeMin: 1, quorum: 1, voteWindowSeconds: 3_600, contributionBond: 1,
                                    payloadByteCountMax: 4_096)
    static let original = """
        Rivers carry sediment from the mountains to the sea, and the delta that forms at the mouth \
        of a large river is built from layer upon layer of silt deposited during seasonal floods.
        """
    static let unrelated = """
        A compiler translates source code into machine instructions in several passes: parsing, \
        type checking, optimisation and finally register allocation and code emission.
        """

    let policy = CurationPolicy()

    @Test func acceptsDistinctTexts() {
        let decision = policy.decide(payload: Array(Self.unrelated.utf8), rules: Self.rules,
                                     earlierPayloads: [Array(Self.original.utf8)])
        #expect(decision == .accept)
        #expect(policy.decide(payload: Array(Self.original.utf8), rules: Self.rules, earlierPayloads: []) == .accept)
    }

    @Test func rejectsPayloadsBelowTheMinimum() {
        let decision = policy.decide(payload: Array("short text".utf8), rules: Self.rules, earlierPayloads: [])
        #expect(decision == .reject(.tooSmall(byteCount: 10, minimum: 16)))
        #expect(policy.decide(payload: Array("sixteen bytes ok".utf8), rules: Self.rules, earlierPayloads: []) == .accept)
    }

    @Test func rejectsPayloadsAboveTheDatanetLimitAndThePolicyLimit() {
        let large = [UInt8](repeating: 0x61, count: 4_097)
        #expect(policy.decide(payload: large, rules: Self.rules, earlierPayloads: [])
                == .reject(.tooLarge(byteCount: 4_097, maximum: 4_096)))
        let strict = CurationPolicy(parameters: CurationParameters(payloadByteCountMax: 100))
        #expect(strict.decide(payload: Array(Self.original.utf8), rules: Self.rules, earlierPayloads: [])
                == .reject(.tooLarge(byteCount: UInt64(Self.original.utf8.count), maximum: 100)))
    }

    @Test func rejectsAByteCountThatDiffersFromTheDeclaredOne() {
        let payload = Array(Self.original.utf8)
        let decision = policy.decide(payload: payload, declaredByteCount: 7, rules: Self.rules, earlier: [])
        #expect(decision == .reject(.byteCountMismatch(declared: 7, actual: UInt64(payload.count))))
    }

    @Test(arguments: [
        [0xC3, 0x28],             // a lead byte followed by a non-continuation byte
        [0xE2, 0x82],             // a truncated three-byte sequence
        [0xC0, 0xAF],             // an overlong encoding of "/"
        [0xED, 0xA0, 0x80],       // a UTF-16 surrogate
        [0xF4, 0x90, 0x80, 0x80], // above U+10FFFF
        [0xFF],
    ] as [[UInt8]])
    func rejectsBytesThatAreNotUTF8(_ bad: [UInt8]) {
        let payload = Array("valid text around ".utf8) + bad + Array(" the bad bytes".utf8)
        #expect(policy.decide(payload: payload, rules: Self.rules, earlierPayloads: []) == .reject(.notText))
    }

    @Test func acceptsMultibyteUTF8() {
        let payload = Array("Zürich, 東京, and Київ are cities; ∑ 😀 U+FFFD is \u{FFFD}".utf8)
        #expect(policy.decide(payload: payload, rules: Self.rules, earlierPayloads: []) == .accept)
    }

    @Test func rejectsWhitespaceOnly() {
        let payload = [UInt8](repeating: 0x20, count: 40)
        #expect(policy.decide(payload: payload, rules: Self.rules, earlierPayloads: []) == .reject(.noWords))
    }

    @Test func rejectsExactDuplicates() {
        let payload = Array(Self.original.utf8)
        let earlier = [Array(Self.unrelated.utf8), payload]
        let decision = policy.decide(payload: payload, rules: Self.rules, earlierPayloads: earlier)
        #expect(decision == .reject(.nearDuplicate(of: blake2b(payload), similarityPPM: 1_000_000)))
    }

    @Test func rejectsNearDuplicates() throws {
        // One word of 35 changed: 33 of 35 three-word shingles are shared, Jaccard ≈ 0.89.
        let edited = Self.original.replacingOccurrences(of: "seasonal", with: "spring")
        let decision = policy.decide(payload: Array(edited.utf8), rules: Self.rules,
                                     earlierPayloads: [Array(Self.original.utf8)])
        guard case .reject(.nearDuplicate(let hash, let ppm)) = decision else {
            Issue.record("expected a near-duplicate rejection, got \(decision)")
            return
        }
        #expect(hash == blake2b(Array(Self.original.utf8)))
        #expect(ppm >= 800_000 && ppm < 1_000_000)
    }

    @Test func acceptsTextsSharingOnlyPartOfTheirWords() {
        // The first half of one text and the second of another: Jaccard ≈ 0.45.
        let words = Self.original.split(separator: " ")
        let half = words.prefix(words.count / 2).joined(separator: " ") + " " + Self.unrelated
        #expect(policy.decide(payload: Array(half.utf8), rules: Self.rules,
                              earlierPayloads: [Array(Self.original.utf8)]) == .accept)
    }

    /// MinHash decisions agree with the exact Jaccard similarity of the three-word shingle
    /// sets (computed here with sets) wherever that is clearly above or below 0.8: with 128
    /// signatures the estimate's standard deviation is about 0.04, so 0.95 and 0.6 lie more
    /// than four deviations from the threshold.
    @Test func agreesWithExactJaccardAwayFromTheThreshold() {
        var generator = SeededGenerator.make(for: "CurationPolicy.exactJaccard")
        let vocabulary = (0..<400).map { "w\($0)" }
        var checked = 0
        for _ in 0..<200 {
            let base = (0..<60).map { _ in vocabulary[Int(generator.next() % 400)] }
            var edited = base
            for _ in 0..<Int(generator.next() % 12) { edited[Int(generator.next() % 60)] = vocabulary[Int(generator.next() % 400)] }
            let similarity = Self.exactJaccard(base, edited)
            guard similarity >= 0.95 || similarity <= 0.6 else { continue }
            let decision = policy.decide(payload: Array(edited.joined(separator: " ").utf8), rules: Self.rules,
                                         earlierPayloads: [Array(base.joined(separator: " ").utf8)])
            #expect(decision.accepts == (similarity <= 0.6), "exact Jaccard \(similarity), decision \(decision)")
            checked += 1
        }
        #expect(checked > 50)
    }

    @Test func comparesAtMostTheConfiguredNumberOfEarlierPayloads() {
        let limited = CurationPolicy(parameters: CurationParameters(comparedPayloadCountMax: 1))
        let payload = Array(Self.original.utf8)
        #expect(limited.decide(payload: payload, rules: Self.rules, earlierPayloads: [Array(Self.unrelated.utf8), payload]) == .accept)
    }

    @Test func randomAndMutatedPayloadsNeverTrap() {
        var generator = SeededGenerator.make(for: "CurationPolicy.random")
        let seedText = Array(Self.original.utf8)
        for _ in 0..<500 {
            let payload = generator.next() % 2 == 0 ? generator.bytes(maximumCount: 300) : generator.mutate(seedText)
            let decision = policy.decide(payload: payload, rules: Self.rules, earlierPayloads: [seedText])
            if decision.accepts { #expect(payload.count >= 16) }
        }
    }

    static func exactJaccard(_ first: [String], _ second: [String]) -> Double {
        func shingles(_ words: [String]) -> Set<[String]> { Set((0...(words.count - 3)).map { Array(words[$0..<($0 + 3)]) }) }
        let (a, b) = (shingles(first), shingles(second))
        return Double(a.intersection(b).count) / Double(a.union(b).count)
    }
}

func blake2b(_ bytes: [UInt8]) -> [UInt8] { BLAKE2b256.hash(bytes) }
