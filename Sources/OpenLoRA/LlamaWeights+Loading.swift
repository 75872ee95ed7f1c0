import ModelFiles
import Tensor

extension LlamaWeights {
    /// Finds a tensor by name: nil when absent, a throw when the file refuses it.
    public typealias TensorLookup = (String) throws(OpenLoRAError) -> TensorView?

    /// Reads every weight `configuration` calls for through `lookup`, under `names`, and
    /// checks each shape. Matrices stay in the file's bytes and type; norm weights are
    /// converted to Float. With tied embeddings the output projection is the embedding.
    public init(configuration: LlamaConfiguration, names: LlamaTensorNames,
                lookup: @escaping TensorLookup) throws(OpenLoRAError) {
        let c = configuration
        let loader = Loader(lookup: lookup)
        let embedding = try loader.matrix(names.tokenEmbedding, c.vocabularySize, c.embeddingLength)
        var layers: [LlamaLayerWeights] = []
        layers.reserveCapacity(c.blockCount)
        for index in 0..<c.blockCount {
            let name = { (role: LlamaLayerRole) in names.layer(index, role) }
            layers.append(LlamaLayerWeights(
                attentionNorm: try loader.vector(name(.attentionNorm), c.embeddingLength),
                query: try loader.matrix(name(.query), c.queryWidth, c.embeddingLength),
                key: try loader.matrix(name(.key), c.keyValueWidth, c.embeddingLength),
                value: try loader.matrix(name(.value), c.keyValueWidth, c.embeddingLength),
                attentionOutput: try loader.matrix(name(.attentionOutput), c.embeddingLength, c.queryWidth),
                feedForwardNorm: try loader.vector(name(.feedForwardNorm), c.embeddingLength),
                gate: try loader.matrix(name(.gate), c.feedForwardLength, c.embeddingLength),
                up: try loader.matrix(name(.up), c.feedForwardLength, c.embeddingLength),
                down: try loader.matrix(name(.down), c.embeddingLength, c.feedForwardLength)))
        }
        let output = c.tiesEmbeddings ? embedding : try loader.matrix(names.output, c.vocabularySize, c.embeddingLength)
        self.init(tokenEmbedding: embedding, layers: layers,
                  outputNorm: try loader.vector(names.outputNorm, c.embeddingLength), output: output)
    }

    /// Shape-checked reads through a lookup.
    private struct Loader {
        let lookup: TensorLookup

        func view(_ name: String) throws(OpenLoRAError) -> TensorView {
            guard let view = try lookup(name) else { throw OpenLoRAError(.missingTensor, "tensor \(name) is missing") }
            return view
        }

        func matrix(_ name: String, _ rows: Int, _ columns: Int) throws(OpenLoRAError) -> WeightMatrix {
            let view = try view(name)
            guard view.dimensions == [columns, rows] else {
                throw OpenLoRAError(.shapeMismatch, "tensor \(name) has dimensions \(view.dimensions) (innermost "
                                    + "first), not [\(columns), \(rows)]")
            }
            do {
                return try WeightMatrix(view)
            } catch {
                throw OpenLoRAError(error)
            }
        }

        func vector(_ name: String, _ count: Int) throws(OpenLoRAError) -> [Float] {
            let view = try view(name)
            guard view.dimensions == [count] else {
                throw OpenLoRAError(.shapeMismatch, "tensor \(name) has dimensions \(view.dimensions), not [\(count)]")
            }
            do {
                return try view.dequantize()
            } catch {
                throw OpenLoRAError(error)
            }
        }
    }
}
