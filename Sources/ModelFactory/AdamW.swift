#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// AdamW with PyTorch's semantics (`torch.optim.AdamW`, single-tensor path, no AMSGrad):
/// decoupled weight decay θ ← θ·(1 − lr·λ), then bias-corrected moments
///
///     m ← m + (1 − β₁)(g − m)            (torch's lerp)
///     v ← β₂·v + (1 − β₂)·g·g
///     θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
///
/// Scalars are computed in Double as Python does, each rounded to Float where torch hands it
/// to a float32 kernel; element arithmetic is Float in torch's order of operations.
public struct AdamW: Sendable, Equatable {
    /// The hyperparameters.
    public let beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double
    /// The first moment, one value per parameter.
    public private(set) var firstMoment: [Float]
    /// The second moment, one value per parameter.
    public private(set) var secondMoment: [Float]
    /// Updates applied so far (t).
    public private(set) var stepCount: Int

    /// A fresh optimiser for `parameterCount` parameters (moments zero).
    public init(parameterCount: Int, beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double) {
        self.init(beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay,
                  firstMoment: [Float](repeating: 0, count: parameterCount),
                  secondMoment: [Float](repeating: 0, count: parameterCount), stepCount: 0)
    }

    /// An optimiser restored from saved moments (a checkpoint); the moments must be as long
    /// as each other (programmer error otherwise).
    public init(beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double, firstMoment: [Float],
                secondMoment: [Float], stepCount: Int) {
        precondition(firstMoment.count == secondMoment.count && stepCount >= 0, "moments of one vector")
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.firstMoment = firstMoment
        self.secondMoment = secondMoment
        self.stepCount = stepCount
    }

    /// The optimiser `configuration` describes.
    public init(parameterCount: Int, configuration: TrainingConfiguration) {
        self.init(parameterCount: parameterCount, beta1: configuration.adamBeta1, beta2: configuration.adamBeta2,
                  epsilon: configuration.adamEpsilon, weightDecay: configuration.weightDecay)
    }

    /// Applies one update with `gradient` at `learningRate`.
    public mutating func update(_ parameters: inout [Float], gradient: [Float], learningRate: Double) {
        precondition(parameters.count == firstMoment.count && gradient.count == firstMoment.count,
                     "parameters, gradient and moments of one length")
        stepCount += 1
        let decay = Float(1 - learningRate * weightDecay)
        let weight = Float(1 - beta1)
        let usesLowWeightForm = 1 - beta1 < 0.5
        let secondWeight = Float(1 - beta2), beta2Float = Float(beta2)
        let step = Double(stepCount)
        let biasCorrection1 = 1 - pow(beta1, step)
        let biasCorrection2SquareRoot = Float((1 - pow(beta2, step)).squareRoot())
        let stepSize = Float(-(learningRate / biasCorrection1))
        let epsilonFloat = Float(epsilon)
        for index in parameters.indices {
            let g = gradient[index]
            parameters[index] *= decay
            let m = firstMoment[index]
            // torch.lerp picks its formula by the weight's size to stay exact at both ends.
            let newM = usesLowWeightForm ? m + weight * (g - m) : g - (g - m) * (1 - weight)
            let newV = secondMoment[index] * beta2Float + secondWeight * g * g
            firstMoment[index] = newM
            secondMoment[index] = newV
            let denominator = newV.squareRoot() / biasCorrection2SquareRoot + epsilonFloat
            parameters[index] += stepSize * newM / denominator
        }
    }
}
