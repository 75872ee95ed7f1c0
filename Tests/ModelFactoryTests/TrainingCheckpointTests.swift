import Testing
import TestSupport
@testable import ModelFactory

@Suite struct TrainingCheckpointTests {
    static let configuration = TrainingConfiguration()

    static func checkpoint() -> TrainingCheckpoint {
        var optimizer = AdamW(parameterCount: 3, configuration: configuration)
        var parameters: [Float] = [0.5, -1, 2]
        optimizer.update(&parameters, gradient: [0.1, 0.2, -0.3], learningRate: 1e-3)
        let history = LossHistory(training: [.init(step: 1, loss: 2.5)], validation: [.init(step: 0, loss: 2.75), .init(step: 1, loss: 2.6)])
        let state = TrainingState(step: 1, dataPosition: 4, processedTokenCount: 99, parameters: parameters,
                                  optimizer: optimizer, lossHistory: history,
                                  gradientStoreRoots: [GradientStoreRoot(step: 1, root: [UInt8](repeating: 7, count: 32))])
        return TrainingCheckpoint(configurationIdentifier: configuration.identifier, state: state)
    }

    @Test func roundTrips() throws {
        let checkpoint = Self.checkpoint()
        let bytes = checkpoint.serialized()
        #expect(bytes.count == 8 + 4 + 32 + 32 + 3 * 12 + 4 + 16 + 4 + 32 + 4 + 40 + 32)
        #expect(Array(bytes.prefix(8)) == Array("OLNCKPT".utf8) + [0])
        #expect(try TrainingCheckpoint(decoding: bytes, configuration: Self.configuration) == checkpoint)
    }

    @Test func corruptFilesAreRefusedByTheChecksum() throws {
        var bytes = Self.checkpoint().serialized()
        bytes[60] ^= 1
        let error = try #require(throws: ModelFactoryError.self) {
            try TrainingCheckpoint(decoding: bytes, configuration: Self.configuration)
        }
        #expect(error.kind == .invalidCheckpoint && error.message.contains("checksum"))
        let truncated = try #require(throws: ModelFactoryError.self) {
            try TrainingCheckpoint(decoding: Array(Self.checkpoint().serialized().dropLast(5)), configuration: Self.configuration)
        }
        #expect(truncated.kind == .invalidCheckpoint)
    }

    @Test func limitsAreEnforced() throws {
        var limits = TrainingCheckpoint.Limits.standard
        limits.byteCountMax = 100
        #expect(throws: ModelFactoryError.self) {
            try TrainingCheckpoint(decoding: Self.checkpoint().serialized(), configuration: Self.configuration, limits: limits)
        }
        limits = .standard
        limits.parameterCountMax = 2
        let error = try #require(throws: ModelFactoryError.self) {
            try TrainingCheckpoint(decoding: Self.checkpoint().serialized(), configuration: Self.configuration, limits: limits)
        }
        #expect(error.message.contains("parameter count"))
    }

    /// Random and mutated inputs are refused or decoded, never a trap.
    @Test func randomAndMutatedInputsNeverTrap() {
        var random = SeededGenerator.make(for: "checkpoint decoder")
        let valid = Self.checkpoint().serialized()
        for round in 0..<2000 {
            let input = round % 2 == 0 ? random.mutate(valid) : random.bytes(maximumCount: 300)
            _ = try? TrainingCheckpoint(decoding: input, configuration: Self.configuration)
        }
    }
}
