import OpenLoRA
import Tensor

extension LoRAGradientEngine {
    /// The attention dimensions of a sequence of `tokenCount` tokens.
    func attention(tokenCount n: Int) -> CausalAttention {
        CausalAttention(tokenCount: n, headCount: shape.headCount, keyValueHeadCount: shape.keyValueHeadCount,
                        headDimension: shape.headDimension)
    }

    /// Runs `tokens` through every block, keeping each block's activations; the residual stream
    /// after the last block and its 1/RMS per row are left in scratch.
    func forward(_ tokens: [Int], factors: [ModuleFactors?], dropout: DropoutMask?) {
        let width = shape.embeddingLength, residual = scratch.finalResidual
        for (row, token) in tokens.enumerated() {
            let destination = UnsafeMutableBufferPointer(rebasing: residual[(row * width)..<((row + 1) * width)])
            model.weights.tokenEmbedding.dequantizeRows(token..<(token + 1), into: destination)
        }
        for layer in 0..<model.configuration.blockCount {
            attentionForward(layer, tokenCount: tokens.count, factors: factors, dropout: dropout)
            feedForwardForward(layer, tokenCount: tokens.count, factors: factors, dropout: dropout)
        }
        for row in 0..<tokens.count {
            scratch.finalInverseRMS[row] = RMSNormalization.rowInverseRMS(
                residual.baseAddress! + row * width, width: width, epsilon: model.configuration.rmsNormEpsilon)
        }
    }

    /// The module factors of block `layer`'s projection `role`, if targeted.
    func targeted(_ all: [ModuleFactors?], _ layer: Int, _ role: LlamaLayerRole) -> ModuleFactors? {
        all[layer * Self.rolesPerBlock + Self.roleIndex(role)]
    }

    /// The saved A·x of block `layer`'s projection `role`, if targeted.
    func reduced(_ layer: Int, _ role: LlamaLayerRole) -> UnsafeMutableBufferPointer<Float>? {
        layers[layer].reduced[Self.roleIndex(role)]
    }

    /// Saves x, normalizes it into scratch.normalized and keeps the rows' 1/RMS.
    func normalizeInput(_ saved: UnsafeMutableBufferPointer<Float>, inverseRMS: UnsafeMutableBufferPointer<Float>,
                        weight: [Float], tokenCount n: Int) {
        let count = n * shape.embeddingLength
        _ = UnsafeMutableBufferPointer(rebasing: saved[0..<count])
            .update(fromContentsOf: UnsafeBufferPointer(rebasing: scratch.finalResidual[0..<count]))
        weight.withUnsafeBufferPointer {
            RMSNormalization.forward(saved.baseAddress!, weight: $0.baseAddress!, width: shape.embeddingLength,
                                     epsilon: model.configuration.rmsNormEpsilon, rowCount: n,
                                     into: scratch.normalized.baseAddress!, inverseRMS: inverseRMS.baseAddress!)
        }
    }

    /// x += Wo · attention(RoPE(Wq·norm(x)), RoPE(Wk·norm(x)), Wv·norm(x)), LoRA where targeted.
    private func attentionForward(_ layer: Int, tokenCount n: Int, factors: [ModuleFactors?], dropout: DropoutMask?) {
        let c = model.configuration, w = model.weights.layers[layer], saved = layers[layer]
        normalizeInput(saved.attentionInput, inverseRMS: saved.attentionInverseRMS, weight: w.attentionNorm,
                       tokenCount: n)
        let input = UnsafePointer(scratch.normalized.baseAddress!)
        project(w.query, targeted(factors, layer, .query), input: input, tokenCount: n,
                into: saved.query.baseAddress!, reduced: reduced(layer, .query), dropout: dropout)
        project(w.key, targeted(factors, layer, .key), input: input, tokenCount: n,
                into: saved.key.baseAddress!, reduced: reduced(layer, .key), dropout: dropout)
        project(w.value, targeted(factors, layer, .value), input: input, tokenCount: n,
                into: saved.value.baseAddress!, reduced: reduced(layer, .value), dropout: dropout)
        rotary.rotate(saved.query.baseAddress!, tokenCount: n, headCount: c.headCount, layout: c.ropeLayout,
                      inverse: false)
        rotary.rotate(saved.key.baseAddress!, tokenCount: n, headCount: c.keyValueHeadCount, layout: c.ropeLayout,
                      inverse: false)
        attention(tokenCount: n).forward(query: saved.query.baseAddress!, key: saved.key.baseAddress!,
                                         value: saved.value.baseAddress!, into: saved.attended.baseAddress!,
                                         probabilities: scratch.probabilities.baseAddress!)
        project(w.attentionOutput, targeted(factors, layer, .attentionOutput),
                input: saved.attended.baseAddress!, tokenCount: n, into: scratch.projected.baseAddress!,
                reduced: reduced(layer, .attentionOutput), dropout: dropout)
        addProjected(tokenCount: n)
    }

    /// x += W_down · (silu(W_gate·norm(x)) ⊙ W_up·norm(x)), LoRA where targeted.
    private func feedForwardForward(_ layer: Int, tokenCount n: Int, factors: [ModuleFactors?],
                                    dropout: DropoutMask?) {
        let w = model.weights.layers[layer], saved = layers[layer]
        normalizeInput(saved.feedForwardInput, inverseRMS: saved.feedForwardInverseRMS, weight: w.feedForwardNorm,
                       tokenCount: n)
        let input = UnsafePointer(scratch.normalized.baseAddress!)
        project(w.gate, targeted(factors, layer, .gate), input: input, tokenCount: n,
                into: saved.gate.baseAddress!, reduced: reduced(layer, .gate), dropout: dropout)
        project(w.up, targeted(factors, layer, .up), input: input, tokenCount: n,
                into: saved.up.baseAddress!, reduced: reduced(layer, .up), dropout: dropout)
        SwiGLU.forward(gate: saved.gate.baseAddress!, up: saved.up.baseAddress!, count: n * shape.feedForwardLength,
                       into: scratch.activation.baseAddress!)
        project(w.down, targeted(factors, layer, .down), input: scratch.activation.baseAddress!, tokenCount: n,
                into: scratch.projected.baseAddress!, reduced: reduced(layer, .down), dropout: dropout)
        addProjected(tokenCount: n)
    }

    /// residual += projected over n tokens.
    private func addProjected(tokenCount n: Int) {
        let residual = scratch.finalResidual.baseAddress!, projected = scratch.projected.baseAddress!
        for index in 0..<(n * shape.embeddingLength) { residual[index] += projected[index] }
    }
}
