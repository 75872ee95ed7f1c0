// Shared helpers for the test targets: seeded randomness, hex vectors, spec vectors.
// Fixtures only; nothing here stands in for code under test.
import Foundation

/// SplitMix64: a small seeded generator so failing property runs can be replayed.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A generator seeded from `OLN_TEST_SEED` or at random; prints the seed for replay.
    public static func make(for test: String) -> SeededGenerator {
        let environment = ProcessInfo.processInfo.environment["OLN_TEST_SEED"]
        let seed = environment.flatMap { UInt64($0) } ?? UInt64.random(in: 0...UInt64.max)
        print("\(test): seed \(seed) (replay with OLN_TEST_SEED=\(seed))")
        return SeededGenerator(seed: seed)
    }

    public mutating func bytes(count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
    }

    public mutating func bytes(maximumCount: Int) -> [UInt8] {
        bytes(count: Int.random(in: 0...maximumCount, using: &self))
    }

    /// `input` with a few random bytes changed, inserted, or removed, or cut short.
    public mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var output = input
        for _ in 0..<Int.random(in: 1...3, using: &self) {
            switch Int.random(in: 0..<4, using: &self) {
            case 0 where !output.isEmpty:
                output[Int.random(in: output.indices, using: &self)] = UInt8.random(in: 0...255, using: &self)
            case 1:
                output.insert(UInt8.random(in: 0...255, using: &self), at: Int.random(in: 0...output.count, using: &self))
            case 2 where !output.isEmpty:
                output.remove(at: Int.random(in: output.indices, using: &self))
            default:
                output = Array(output.prefix(Int.random(in: 0...output.count, using: &self)))
            }
        }
        return output
    }

    /// Random text drawn from `alphabet`.
    public mutating func text(from alphabet: String, maximumCount: Int) -> String {
        let characters = Array(alphabet)
        let count = Int.random(in: 0...maximumCount, using: &self)
        return String((0..<count).map { _ in characters.randomElement(using: &self)! })
    }
}
