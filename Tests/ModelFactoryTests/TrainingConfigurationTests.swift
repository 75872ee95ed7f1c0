import Foundation
import Testing
import Sodium
@testable import ModelFactory

@Suite struct TrainingConfigurationTests {
    @Test func theDefaultsAreValid() throws {
        try TrainingConfiguration().validate()
    }

    /// The canonical bytes are the documented format: sorted keys, no whitespace.
    @Test func canonicalBytesAreSortedCompactJSON() throws {
        var configuration = TrainingConfiguration()
        configuration.gradientStoreSteps = [0, 50]
        configuration.seed = 7
        let expected = #"{"adam_beta1":0.9,"adam_beta2":0.999,"adam_epsilon":1e-08,"alpha":16.0,"checkpoint_interval":100,"#
            + #""dropout":0.0,"format":"oln-training-configuration-1","gradient_accumulation_steps":1,"#
            + #""gradient_clipping_norm":1.0,"gradient_store_steps":[0,50],"learning_rate":0.0002,"#
            + #""micro_batch_size":1,"minimum_learning_rate_ratio":0.0,"projection_dimension":4096,"rank":8,"#
            + #""seed":7,"sequence_length":512,"target_modules":{"names":["q_proj","v_proj"]},"total_steps":100,"#
            + #""use_rslora":false,"validation_fraction":0.1,"warmup_steps":0,"weight_decay":0.01}"#
        #expect(String(decoding: configuration.canonicalBytes, as: UTF8.self) == expected)
        #expect(configuration.identifier == SHA256.hash(Array(expected.utf8)))
        // Foundation reads the same values back.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(configuration.canonicalBytes)) as? [String: Any])
        #expect(object["learning_rate"] as? Double == 2e-4)
    }

    @Test func everyFieldChangesTheIdentifier() {
        let base = TrainingConfiguration()
        var changes: [(inout TrainingConfiguration) -> Void] = [
            { $0.rank = 4 }, { $0.alpha = 8 }, { $0.targetModules = .allLinear }, { $0.usesRankStabilizedScaling = true },
            { $0.dropout = 0.05 }, { $0.learningRate = 1e-4 }, { $0.weightDecay = 0 }, { $0.adamBeta1 = 0.8 },
            { $0.adamBeta2 = 0.99 }, { $0.adamEpsilon = 1e-6 }, { $0.warmupSteps = 10 }, { $0.totalSteps = 200 },
            { $0.microBatchSize = 2 }, { $0.gradientAccumulationSteps = 4 }, { $0.gradientClippingNorm = nil },
            { $0.sequenceLength = 256 }, { $0.validationFraction = 0.2 }, { $0.seed = 1 }, { $0.checkpointInterval = 10 },
            { $0.gradientStoreSteps = [10] }, { $0.projectionDimension = 1024 }, { $0.minimumLearningRateRatio = 0.1 },
        ]
        changes.append { $0.targetModules = .pattern(".*q_proj") }
        var identifiers: Set<[UInt8]> = [base.identifier]
        for change in changes {
            var changed = base
            change(&changed)
            identifiers.insert(changed.identifier)
        }
        #expect(identifiers.count == changes.count + 1)
    }

    @Test func invalidValuesAreRefusedWithTheirField() {
        let cases: [((inout TrainingConfiguration) -> Void, String)] = [
            ({ $0.rank = 0 }, "rank"), ({ $0.alpha = .nan }, "alpha"), ({ $0.dropout = 1 }, "dropout"),
            ({ $0.learningRate = 0 }, "learning rate"), ({ $0.adamBeta2 = 1 }, "β₂"), ({ $0.warmupSteps = 101 }, "warm-up"),
            ({ $0.totalSteps = 0 }, "total steps"), ({ $0.microBatchSize = 0 }, "micro-batch"),
            ({ $0.gradientClippingNorm = -1 }, "clipping"), ({ $0.sequenceLength = 1 }, "sequence length"),
            ({ $0.validationFraction = 0.9 }, "validation fraction"), ({ $0.checkpointInterval = 0 }, "checkpoint interval"),
            ({ $0.gradientStoreSteps = [5, 5] }, "ascending"), ({ $0.gradientStoreSteps = [101] }, "gradient-store step"),
            ({ $0.projectionDimension = 0 }, "projection dimension"), ({ $0.targetModules = .pattern("(") }, "adapter"),
            ({ $0.gradientAccumulationSteps = TrainingConfiguration.Limits.gradientAccumulationStepsMax + 1 }, "accumulation"),
        ]
        for (change, word) in cases {
            var configuration = TrainingConfiguration()
            change(&configuration)
            #expect(throws: ModelFactoryError.self) { try configuration.validate() }
            do {
                try configuration.validate()
            } catch {
                #expect(error.kind == .invalidConfiguration)
                #expect(error.message.contains(word), "\(error.message)")
            }
        }
    }
}
