import OpenLoRA
import Tensor

extension LoRAGradientEngine {
    /// output [n, out] = input · Wᵀ + s · (A·dropout(input))ᵀ Bᵀ, keeping A·dropout(input) in
    /// `reduced` ([n, r]) for the backward pass.
    func project(_ weight: WeightMatrix, _ factors: ModuleFactors?, input: UnsafePointer<Float>, tokenCount n: Int,
                 into output: UnsafeMutablePointer<Float>, reduced: UnsafeMutableBufferPointer<Float>?,
                 dropout: DropoutMask?) {
        model.backend.matrixProduct(weight, UnsafeBufferPointer(start: input, count: n * weight.columnCount),
                                    tokenCount: n, into: UnsafeMutableBufferPointer(start: output,
                                                                                    count: n * weight.rowCount))
        guard let factors, let reduced = reduced?.baseAddress else { return }
        let rank = shape.rank
        let branch = branchInput(input, factors, tokenCount: n, dropout: dropout)
        MatrixMultiply.timesTransposed(branch, aStride: factors.inputs, factors.a, bStride: factors.inputs,
                                       into: reduced, cStride: rank, m: n, n: rank, k: factors.inputs)
        MatrixMultiply.timesTransposed(reduced, aStride: rank, factors.b, bStride: rank, into: output,
                                       cStride: factors.outputs, m: n, n: factors.outputs, k: rank,
                                       alpha: layout.scale, beta: 1)
    }

    /// The LoRA branch's input: `input` itself, or its dropped-out copy in scratch.
    private func branchInput(_ input: UnsafePointer<Float>, _ factors: ModuleFactors, tokenCount n: Int,
                             dropout: DropoutMask?) -> UnsafePointer<Float> {
        guard let dropout else { return input }
        dropout.apply(input, into: scratch.dropped.baseAddress!, rowCount: n, width: factors.inputs,
                      stream: factors.dropoutStream)
        return UnsafePointer(scratch.dropped.baseAddress!)
    }

    /// The backward pass of `project`: inputGradient = outputGradient · W (+ s·(dy·B·A) ⊙ mask)
    /// + β · inputGradient, and dB += s·dyᵀ·(A x̃), dA += s·(dy·B)ᵀ·x̃ into `gradient`.
    func projectBackward(_ weight: WeightMatrix, _ factors: ModuleFactors?, input: UnsafePointer<Float>,
                         tokenCount n: Int, reduced: UnsafeMutableBufferPointer<Float>?,
                         outputGradient: UnsafePointer<Float>, into inputGradient: UnsafeMutablePointer<Float>,
                         beta: Float, dropout: DropoutMask?, gradient: UnsafeMutablePointer<Float>) {
        transposedProduct.multiply(outputGradient, tokenCount: n, weight: weight, into: inputGradient, beta: beta)
        guard let factors, let reduced = reduced?.baseAddress else { return }
        let rank = shape.rank, scale = layout.scale, inputs = factors.inputs
        accumulateFactorB(factors, reduced: reduced, tokenCount: n, outputGradient: outputGradient, gradient: gradient)
        let reducedGradient = scratch.reducedGradient.baseAddress!
        MatrixMultiply.times(outputGradient, aStride: factors.outputs, factors.b, bStride: rank, into: reducedGradient,
                             cStride: rank, m: n, n: rank, k: factors.outputs)
        let branch = branchInput(input, factors, tokenCount: n, dropout: dropout)
        MatrixMultiply.transposedTimes(reducedGradient, aStride: rank, branch, bStride: inputs,
                                       into: gradient + factors.aOffset, cStride: inputs, m: rank, n: inputs, k: n,
                                       alpha: scale, beta: 1)
        guard let dropout else {
            MatrixMultiply.times(reducedGradient, aStride: rank, factors.a, bStride: inputs, into: inputGradient,
                                 cStride: inputs, m: n, n: inputs, k: rank, alpha: scale, beta: 1)
            return
        }
        let dropped = scratch.droppedGradient.baseAddress!
        MatrixMultiply.times(reducedGradient, aStride: rank, factors.a, bStride: inputs, into: dropped,
                             cStride: inputs, m: n, n: inputs, k: rank, alpha: scale)
        dropout.apply(dropped, into: dropped, rowCount: n, width: inputs, stream: factors.dropoutStream)
        for index in 0..<(n * inputs) { inputGradient[index] += dropped[index] }
    }

    /// dB += s · dyᵀ · (A x̃), its rows returned to Hugging Face order where the model's differ.
    private func accumulateFactorB(_ factors: ModuleFactors, reduced: UnsafePointer<Float>, tokenCount n: Int,
                                   outputGradient: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>) {
        let rank = shape.rank, outputs = factors.outputs
        guard let headDimension = factors.permutedHeadDimension else {
            MatrixMultiply.transposedTimes(outputGradient, aStride: outputs, reduced, bStride: rank,
                                           into: gradient + factors.bOffset, cStride: rank, m: outputs, n: rank, k: n,
                                           alpha: layout.scale, beta: 1)
            return
        }
        let modelOrder = scratch.factorGradient.baseAddress!
        MatrixMultiply.transposedTimes(outputGradient, aStride: outputs, reduced, bStride: rank, into: modelOrder,
                                       cStride: rank, m: outputs, n: rank, k: n, alpha: layout.scale)
        let rows = Array(UnsafeBufferPointer(start: modelOrder, count: outputs * rank))
        let huggingFaceOrder = RopeRowPermutation.deinterleave(rows, rowLength: rank, headDimension: headDimension)
        for index in 0..<(outputs * rank) { gradient[factors.bOffset + index] += huggingFaceOrder[index] }
    }
}
