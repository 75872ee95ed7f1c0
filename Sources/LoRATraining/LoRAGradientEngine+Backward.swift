import OpenLoRA
import Tensor

extension LoRAGradientEngine {
    /// From ∂loss/∂(final residual) in scratch.residualGradient, back through every block to
    /// the embeddings, adding each LoRA factor's gradient to `gradient`.
    func backward(tokenCount n: Int, factors: [ModuleFactors?], dropout: DropoutMask?,
                  gradient: UnsafeMutablePointer<Float>) {
        for layer in (0..<model.configuration.blockCount).reversed() {
            feedForwardBackward(layer, tokenCount: n, factors: factors, dropout: dropout, gradient: gradient)
            attentionBackward(layer, tokenCount: n, factors: factors, dropout: dropout, gradient: gradient)
        }
    }

    /// Recomputes norm(x) of a saved block input into scratch.normalized.
    private func renormalize(_ saved: UnsafeMutableBufferPointer<Float>,
                             inverseRMS: UnsafeMutableBufferPointer<Float>, weight: [Float], tokenCount n: Int) {
        let width = shape.embeddingLength
        weight.withUnsafeBufferPointer { w in
            for row in 0..<n {
                RMSNormalization.apply(saved.baseAddress! + row * width, weight: w.baseAddress!, width: width,
                                       inverseRMS: inverseRMS[row], into: scratch.normalized.baseAddress! + row * width)
            }
        }
    }

    /// residualGradient += ∂(norm input)ᵀ · normalizedGradient.
    private func normalizationBackward(_ saved: UnsafeMutableBufferPointer<Float>,
                                       inverseRMS: UnsafeMutableBufferPointer<Float>, weight: [Float],
                                       tokenCount n: Int) {
        weight.withUnsafeBufferPointer { w in
            RMSNormalization.backward(saved.baseAddress!, inverseRMS: inverseRMS.baseAddress!, weight: w.baseAddress!,
                                      width: shape.embeddingLength, rowCount: n,
                                      outputGradient: scratch.normalizedGradient.baseAddress!,
                                      addingTo: scratch.residualGradient.baseAddress!)
        }
    }

    private func feedForwardBackward(_ layer: Int, tokenCount n: Int, factors: [ModuleFactors?],
                                     dropout: DropoutMask?, gradient: UnsafeMutablePointer<Float>) {
        let w = model.weights.layers[layer], saved = layers[layer], count = n * shape.feedForwardLength
        let gateGradient = scratch.gateGradient.baseAddress!, upGradient = scratch.upGradient.baseAddress!
        SwiGLU.forward(gate: saved.gate.baseAddress!, up: saved.up.baseAddress!, count: count,
                       into: scratch.activation.baseAddress!)
        projectBackward(w.down, targeted(factors, layer, .down), input: scratch.activation.baseAddress!,
                        tokenCount: n, reduced: reduced(layer, .down),
                        outputGradient: scratch.residualGradient.baseAddress!, into: gateGradient, beta: 0,
                        dropout: dropout, gradient: gradient)
        SwiGLU.backward(gate: saved.gate.baseAddress!, up: saved.up.baseAddress!, count: count,
                        gradient: gateGradient, upGradient: upGradient)
        renormalize(saved.feedForwardInput, inverseRMS: saved.feedForwardInverseRMS, weight: w.feedForwardNorm,
                    tokenCount: n)
        let input = UnsafePointer(scratch.normalized.baseAddress!)
        let normalizedGradient = scratch.normalizedGradient.baseAddress!
        projectBackward(w.gate, targeted(factors, layer, .gate), input: input, tokenCount: n,
                        reduced: reduced(layer, .gate), outputGradient: gateGradient, into: normalizedGradient,
                        beta: 0, dropout: dropout, gradient: gradient)
        projectBackward(w.up, targeted(factors, layer, .up), input: input, tokenCount: n,
                        reduced: reduced(layer, .up), outputGradient: upGradient, into: normalizedGradient,
                        beta: 1, dropout: dropout, gradient: gradient)
        normalizationBackward(saved.feedForwardInput, inverseRMS: saved.feedForwardInverseRMS,
                              weight: w.feedForwardNorm, tokenCount: n)
    }

    private func attentionBackward(_ layer: Int, tokenCount n: Int, factors: [ModuleFactors?],
                                   dropout: DropoutMask?, gradient: UnsafeMutablePointer<Float>) {
        let c = model.configuration, w = model.weights.layers[layer], saved = layers[layer]
        let (queryGradient, keyGradient) = (scratch.queryGradient.baseAddress!, scratch.keyGradient.baseAddress!)
        let valueGradient = scratch.valueGradient.baseAddress!
        projectBackward(w.attentionOutput, targeted(factors, layer, .attentionOutput),
                        input: saved.attended.baseAddress!, tokenCount: n, reduced: reduced(layer, .attentionOutput),
                        outputGradient: scratch.residualGradient.baseAddress!,
                        into: scratch.attendedGradient.baseAddress!, beta: 0, dropout: dropout, gradient: gradient)
        attention(tokenCount: n).backward(
            query: saved.query.baseAddress!, key: saved.key.baseAddress!, value: saved.value.baseAddress!,
            outputGradient: scratch.attendedGradient.baseAddress!, queryGradient: queryGradient,
            keyGradient: keyGradient, valueGradient: valueGradient,
            probabilities: scratch.probabilities.baseAddress!, scoreGradient: scratch.scoreGradient.baseAddress!)
        rotary.rotate(queryGradient, tokenCount: n, headCount: c.headCount, layout: c.ropeLayout, inverse: true)
        rotary.rotate(keyGradient, tokenCount: n, headCount: c.keyValueHeadCount, layout: c.ropeLayout, inverse: true)
        renormalize(saved.attentionInput, inverseRMS: saved.attentionInverseRMS, weight: w.attentionNorm,
                    tokenCount: n)
        let input = UnsafePointer(scratch.normalized.baseAddress!)
        let normalizedGradient = scratch.normalizedGradient.baseAddress!
        let parts: [(WeightMatrix, LlamaLayerRole, UnsafeMutablePointer<Float>)] =
            [(w.query, .query, queryGradient), (w.key, .key, keyGradient), (w.value, .value, valueGradient)]
        for (index, (weight, role, outputGradient)) in parts.enumerated() {
            projectBackward(weight, targeted(factors, layer, role), input: input, tokenCount: n,
                            reduced: reduced(layer, role), outputGradient: outputGradient, into: normalizedGradient,
                            beta: index == 0 ? 0 : 1, dropout: dropout, gradient: gradient)
        }
        normalizationBackward(saved.attentionInput, inverseRMS: saved.attentionInverseRMS, weight: w.attentionNorm,
                              tokenCount: n)
    }
}
