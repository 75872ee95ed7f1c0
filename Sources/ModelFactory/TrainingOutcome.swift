/// How `TrainingJob.run` ended.
public enum TrainingOutcome: Sendable, Equatable {
    /// Every step ran; the adapter and summary are written.
    case finished(TrainingSummary)
    /// A stop was requested; a checkpoint of `step` is written and `run` resumes from it.
    case stopped(step: Int)
}
