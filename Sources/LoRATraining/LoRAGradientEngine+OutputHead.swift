#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import OpenLoRA

extension LoRAGradientEngine {
    /// The summed cross-entropy of `sequence`'s targets (target i from the logits of row
    /// i − 1), computed `logitsRowCapacity` predicting rows at a time so that [n, V] logits are
    /// never held at once. With `computingGradient`, leaves ∂loss/∂(final residual) in
    /// scratch.residualGradient.
    func outputHead(_ sequence: TrainingSequence, computingGradient: Bool) -> LossSum {
        let n = sequence.tokens.count, width = shape.embeddingLength
        let predictors = (1..<max(n, 1)).filter { sequence.targetMask[$0] }
            .map { (row: $0 - 1, target: sequence.tokens[$0]) }
        if computingGradient {
            UnsafeMutableBufferPointer(rebasing: scratch.normalizedGradient[0..<(n * width)]).update(repeating: 0)
        }
        var total: Double = 0
        var start = 0
        while start < predictors.count {
            let chunk = predictors[start..<min(predictors.count, start + shape.logitsRowCapacity)]
            total += headChunk(Array(chunk), computingGradient: computingGradient)
            start = chunk.endIndex
        }
        if computingGradient && !predictors.isEmpty {
            UnsafeMutableBufferPointer(rebasing: scratch.residualGradient[0..<(n * width)]).update(repeating: 0)
            model.weights.outputNorm.withUnsafeBufferPointer { w in
                RMSNormalization.backward(scratch.finalResidual.baseAddress!,
                                          inverseRMS: scratch.finalInverseRMS.baseAddress!, weight: w.baseAddress!,
                                          width: width, rowCount: n,
                                          outputGradient: scratch.normalizedGradient.baseAddress!,
                                          addingTo: scratch.residualGradient.baseAddress!)
            }
        }
        return LossSum(total: total, targetCount: predictors.count)
    }

    /// One chunk of predicting rows: final norm, logits, loss, and optionally the gradient of
    /// the rows' normalized inputs (written into scratch.normalizedGradient).
    private func headChunk(_ rows: [(row: Int, target: Int)], computingGradient: Bool) -> Double {
        let width = shape.embeddingLength, vocabulary = shape.vocabularySize, count = rows.count
        let input = scratch.headInput.baseAddress!, logits = scratch.logits.baseAddress!
        model.weights.outputNorm.withUnsafeBufferPointer { w in
            for (index, entry) in rows.enumerated() {
                RMSNormalization.apply(scratch.finalResidual.baseAddress! + entry.row * width, weight: w.baseAddress!,
                                       width: width, inverseRMS: scratch.finalInverseRMS[entry.row],
                                       into: input + index * width)
            }
        }
        model.backend.matrixProduct(model.weights.output, UnsafeBufferPointer(start: input, count: count * width),
                                    tokenCount: count,
                                    into: UnsafeMutableBufferPointer(start: logits, count: count * vocabulary))
        var total: Double = 0
        for (index, entry) in rows.enumerated() {
            total += Self.crossEntropy(logits + index * vocabulary, count: vocabulary, target: entry.target,
                                       replacingWithGradient: computingGradient)
        }
        guard computingGradient else { return total }
        let inputGradient = scratch.headInputGradient.baseAddress!
        transposedProduct.multiply(logits, tokenCount: count, weight: model.weights.output, into: inputGradient,
                                   beta: 0)
        for (index, entry) in rows.enumerated() {
            (scratch.normalizedGradient.baseAddress! + entry.row * width)
                .update(from: inputGradient + index * width, count: width)
        }
        return total
    }

    /// −log softmax(logits)[target]; with `replacingWithGradient`, the logits become
    /// softmax − one-hot(target), the loss's gradient.
    static func crossEntropy(_ logits: UnsafeMutablePointer<Float>, count: Int, target: Int,
                             replacingWithGradient: Bool) -> Double {
        var maximum = -Float.infinity
        for index in 0..<count { maximum = max(maximum, logits[index]) }
        var sum: Double = 0
        for index in 0..<count { sum += Double(expf(logits[index] - maximum)) }
        let logSumExp = Double(maximum) + log(sum)
        let loss = logSumExp - Double(logits[target])
        if replacingWithGradient {
            let shift = Float(logSumExp)
            for index in 0..<count { logits[index] = expf(logits[index] - shift) }
            logits[target] -= 1
        }
        return loss
    }
}
