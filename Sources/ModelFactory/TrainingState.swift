/// Everything a run carries from step to step: what a checkpoint saves.
public struct TrainingState: Sendable, Equatable {
    /// Optimizer steps completed.
    public var step: Int
    /// Training sequences consumed (the position in `DataOrder`).
    public var dataPosition: Int
    /// Tokens of the training sequences consumed.
    public var processedTokenCount: Int
    /// The trainable parameters θ.
    public var parameters: [Float]
    /// AdamW's moments and step count.
    public var optimizer: AdamW
    /// The loss curve.
    public var lossHistory: LossHistory
    /// Roots of the gradient stores written so far.
    public var gradientStoreRoots: [GradientStoreRoot]

    /// A state.
    public init(step: Int, dataPosition: Int, processedTokenCount: Int, parameters: [Float], optimizer: AdamW,
                lossHistory: LossHistory, gradientStoreRoots: [GradientStoreRoot]) {
        self.step = step
        self.dataPosition = dataPosition
        self.processedTokenCount = processedTokenCount
        self.parameters = parameters
        self.optimizer = optimizer
        self.lossHistory = lossHistory
        self.gradientStoreRoots = gradientStoreRoots
    }

    /// The state before the first step.
    public init(initialParameters: [Float], configuration: TrainingConfiguration) {
        self.init(step: 0, dataPosition: 0, processedTokenCount: 0, parameters: initialParameters,
                  optimizer: AdamW(parameterCount: initialParameters.count, configuration: configuration),
                  lossHistory: LossHistory(), gradientStoreRoots: [])
    }
}
