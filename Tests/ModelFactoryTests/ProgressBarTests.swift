import Testing
@testable import ModelFactory

@Suite struct ProgressBarTests {
    @Test func rendersOneLine() {
        let progress = TrainingProgress(step: 40, totalSteps: 100, loss: 2.31264, learningRate: 1.8e-4, gradientNorm: 0.9134,
                                        tokensPerSecond: 1523.4, estimatedTimeLeft: .seconds(72))
        #expect(ProgressBar(barWidth: 20).render(progress)
                == "step 40/100 [########------------]  40% loss 2.3126 lr 1.80e-04 |g| 0.913 1523 tok/s ETA 1m12s")
    }

    @Test func rendersTheEnds() {
        let done = TrainingProgress(step: 5, totalSteps: 5, loss: 0.5, learningRate: 0, gradientNorm: 12,
                                    tokensPerSecond: 0, estimatedTimeLeft: .seconds(3725))
        #expect(ProgressBar(barWidth: 4).render(done) == "step 5/5 [####] 100% loss 0.5000 lr 0 |g| 12.000 0 tok/s ETA 1h02m")
        #expect(ProgressBar.scientific(9.999e-5) == "1.00e-04")
        #expect(!ProgressBar(barWidth: 3).render(done).contains("\n"))
    }
}
