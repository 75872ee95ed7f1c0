import Dispatch
import OpenLoRA
import Synchronization
import Tensor

/// `oln model run --f32`: a model whose matrices are expanded to F32 once at load, so every
/// product runs on OpenBLAS (4 bytes per weight; the values are exactly the stored ones).
enum WeightExpansion {
    /// `model` with every matrix as F32 (tied embeddings stay one matrix).
    static func expanded(_ model: LlamaModel) throws -> LlamaModel {
        let weights = model.weights
        let layers = weights.layers
        let expandedLayers = Mutex(layers)
        DispatchQueue.concurrentPerform(iterations: layers.count) { index in
            let layer = expandLayer(layers[index])
            expandedLayers.withLock { $0[index] = layer }
        }
        let embedding = expand(weights.tokenEmbedding)
        let isTied = weights.output.storageIdentity == weights.tokenEmbedding.storageIdentity
        let expandedWeights = LlamaWeights(tokenEmbedding: embedding, layers: expandedLayers.withLock { $0 },
                                           outputNorm: weights.outputNorm,
                                           output: isTied ? embedding : expand(weights.output))
        do {
            return try LlamaModel(configuration: model.configuration, weights: expandedWeights, backend: model.backend,
                                  endOfSequenceTokenIDs: model.endOfSequenceTokenIDs)
        } catch {
            throw CommandFailure("cannot expand the weights to F32: \(error.description)")
        }
    }

    private static func expandLayer(_ layer: LlamaLayerWeights) -> LlamaLayerWeights {
        var result = layer
        result.query = expand(layer.query)
        result.key = expand(layer.key)
        result.value = expand(layer.value)
        result.attentionOutput = expand(layer.attentionOutput)
        result.gate = expand(layer.gate)
        result.up = expand(layer.up)
        result.down = expand(layer.down)
        return result
    }

    private static func expand(_ matrix: WeightMatrix) -> WeightMatrix {
        guard matrix.type != .f32 else { return matrix }
        return WeightMatrix(rowCount: matrix.rowCount, columnCount: matrix.columnCount, values: matrix.dequantized())
    }
}
