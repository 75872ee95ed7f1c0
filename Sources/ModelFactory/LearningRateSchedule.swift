#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Linear warm-up from 0 to the peak, then half a cosine down to `minimumRatio` of the peak
/// at the last step: transformers' `get_cosine_with_min_lr_schedule_with_warmup` (with
/// `min_lr_rate`; `get_cosine_schedule_with_warmup` when the ratio is 0).
///
/// As with a transformers scheduler stepped after every optimizer step, update number s
/// (counting from 1) uses the multiplier of scheduler step s − 1, so the first update of a
/// warm-up runs at learning rate 0.
public struct LearningRateSchedule: Sendable, Equatable {
    /// The peak learning rate.
    public let peak: Double
    /// Warm-up steps and all steps.
    public let warmupSteps: Int, totalSteps: Int
    /// The floor of the cosine, as a fraction of the peak.
    public let minimumRatio: Double

    /// A schedule; steps must be non-negative and warm-up no longer than the run.
    public init(peak: Double, warmupSteps: Int, totalSteps: Int, minimumRatio: Double = 0) {
        precondition(warmupSteps >= 0 && totalSteps >= warmupSteps, "warm-up within the run")
        self.peak = peak
        self.warmupSteps = warmupSteps
        self.totalSteps = totalSteps
        self.minimumRatio = minimumRatio
    }

    /// The schedule `configuration` describes.
    public init(configuration: TrainingConfiguration) {
        self.init(peak: configuration.learningRate, warmupSteps: configuration.warmupSteps,
                  totalSteps: configuration.totalSteps, minimumRatio: configuration.minimumLearningRateRatio)
    }

    /// The multiplier after `schedulerStep` scheduler steps (transformers' `lr_lambda`).
    public func multiplier(afterSchedulerSteps schedulerStep: Int) -> Double {
        if schedulerStep < warmupSteps {
            return Double(schedulerStep) / Double(max(1, warmupSteps))
        }
        let progress = Double(schedulerStep - warmupSteps) / Double(max(1, totalSteps - warmupSteps))
        let cosine = max(0, 0.5 * (1 + cos(Double.pi * 2 * 0.5 * progress)))
        return cosine * (1 - minimumRatio) + minimumRatio
    }

    /// The learning rate of update number `step` (1-based).
    public func learningRate(forStep step: Int) -> Double {
        precondition(step >= 1, "updates count from 1")
        return peak * multiplier(afterSchedulerSteps: step - 1)
    }
}
