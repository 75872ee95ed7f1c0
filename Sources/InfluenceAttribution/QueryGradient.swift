import LoRATraining
import ModelFactory

/// The query side of influence: the LoRA gradient of an output's mean loss per target token,
/// computed exactly as ModelFactory computes a training example's stored gradient
/// (`Trainer.exampleGradient`: a zero vector, one `accumulateGradient` without dropout, every
/// value multiplied by the Float 1 / target count), then projected with the store's
/// projection and quantized per segment like a stored record.
public enum QueryGradient {
    /// ∂(mean loss per target token of `sequence`)/∂θ at `parameters`. Throws `.invalidQuery`
    /// when the objective refuses the sequence (too long, a token outside the vocabulary),
    /// `.layoutMismatch` for a parameter vector of another length, `.nonFiniteValue` for a
    /// NaN or infinite gradient.
    public static func gradient(of sequence: TrainingSequence, parameters: [Float],
                                objective: any TrainingObjective) throws(InfluenceError) -> [Float] {
        guard parameters.count == objective.parameterCount else {
            throw InfluenceError(.layoutMismatch, "the parameter vector has \(parameters.count) values; the objective's "
                                 + "layout has \(objective.parameterCount)")
        }
        var gradient = [Float](repeating: 0, count: parameters.count)
        let sum: LossSum
        do {
            sum = try objective.accumulateGradient(of: sequence, parameters: parameters, dropoutSeed: nil,
                                                   into: &gradient)
        } catch let error as LoRATrainingError {
            switch error.kind {
            case .emptySequence, .sequenceTooLong, .tokenOutOfRange:
                throw InfluenceError(.invalidQuery, "the query cannot be evaluated: \(error.message)")
            case .parameterCountMismatch, .incompatibleLayout:
                throw InfluenceError(.layoutMismatch, error.message)
            case .invalidSetting:
                throw InfluenceError(.gradientFailed, error.message)
            }
        } catch {
            throw InfluenceError(.gradientFailed, "the query gradient failed: \(error)")
        }
        let scale = sum.targetCount > 0 ? Float(1 / Double(sum.targetCount)) : 0
        for index in gradient.indices { gradient[index] *= scale }
        guard gradient.allSatisfy(\.isFinite) else {
            throw InfluenceError(.nonFiniteValue, "the query gradient is not finite")
        }
        return gradient
    }

    /// The query gradient of `query` projected with `projection` and quantized per segment.
    public static func projected(_ query: InfluenceQuery, parameters: [Float], objective: any TrainingObjective,
                                 projection: GradientProjection,
                                 influenceParameters: InfluenceParameters) throws(InfluenceError) -> QuantizedGradient {
        guard projection.inputDimension == parameters.count else {
            throw InfluenceError(.layoutMismatch, "the store's projection takes \(projection.inputDimension) values; the "
                                 + "parameter vector has \(parameters.count)")
        }
        let sequence = try query.sequence(parameters: influenceParameters)
        let full = try gradient(of: sequence, parameters: parameters, objective: objective)
        return projection.projectAndQuantize(full)
    }
}
