import Testing
@testable import ModelFactory

/// The schedule against transformers' cosine schedules with warm-up.
@Suite struct LearningRateScheduleTests {
    @Test(arguments: OptimizerVectors.schedules.indices)
    func matchesTransformers(_ index: Int) {
        let vector = OptimizerVectors.schedules[index]
        let schedule = LearningRateSchedule(peak: 1, warmupSteps: vector.warmupSteps, totalSteps: vector.totalSteps,
                                            minimumRatio: vector.minimumRatio)
        for (step, expected) in vector.rates.enumerated() {
            #expect(abs(schedule.learningRate(forStep: step + 1) - expected) < 1e-12, "step \(step + 1)")
        }
    }

    @Test func scalesWithThePeak() {
        let schedule = LearningRateSchedule(peak: 3e-4, warmupSteps: 2, totalSteps: 10)
        #expect(schedule.learningRate(forStep: 1) == 0)
        #expect(schedule.learningRate(forStep: 3) == 3e-4)
    }
}
