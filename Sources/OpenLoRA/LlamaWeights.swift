import Tensor

/// Every weight of a Llama model (d = embeddingLength, V = vocabularySize).
public struct LlamaWeights: Sendable {
    /// Token embeddings: [V, d]; row t is token t's input vector.
    public var tokenEmbedding: WeightMatrix
    /// The transformer blocks, `blockCount` of them.
    public var layers: [LlamaLayerWeights]
    /// Final RMSNorm weight: [d].
    public var outputNorm: [Float]
    /// The output projection to logits: [V, d]; `tokenEmbedding` when embeddings are tied.
    public var output: WeightMatrix

    /// A model's weights; `validate(against:)` checks their shapes.
    public init(tokenEmbedding: WeightMatrix, layers: [LlamaLayerWeights], outputNorm: [Float], output: WeightMatrix) {
        self.tokenEmbedding = tokenEmbedding
        self.layers = layers
        self.outputNorm = outputNorm
        self.output = output
    }

    /// The bytes the matrices and norm weights occupy (a tied output counted once).
    public var byteCount: Int {
        var total = tokenEmbedding.byteCount + outputNorm.count * 4
        if output.storageIdentity != tokenEmbedding.storageIdentity { total += output.byteCount }
        for layer in layers {
            total += layer.matrices.reduce(0) { $0 + $1.matrix.byteCount }
            total += (layer.attentionNorm.count + layer.feedForwardNorm.count) * 4
        }
        return total
    }

    /// Throws `.shapeMismatch` naming the first weight whose shape differs from `configuration`.
    public func validate(against configuration: LlamaConfiguration) throws(OpenLoRAError) {
        let c = configuration
        try Self.check("token embedding", tokenEmbedding, c.vocabularySize, c.embeddingLength)
        try Self.check("output", output, c.vocabularySize, c.embeddingLength)
        try Self.check("output norm", outputNorm, c.embeddingLength)
        guard layers.count == c.blockCount else {
            throw OpenLoRAError(.shapeMismatch, "\(layers.count) layers, not \(c.blockCount)")
        }
        let expected: [String: (Int, Int)] = [
            "query": (c.queryWidth, c.embeddingLength), "key": (c.keyValueWidth, c.embeddingLength),
            "value": (c.keyValueWidth, c.embeddingLength), "attention output": (c.embeddingLength, c.queryWidth),
            "gate": (c.feedForwardLength, c.embeddingLength), "up": (c.feedForwardLength, c.embeddingLength),
            "down": (c.embeddingLength, c.feedForwardLength),
        ]
        for (index, layer) in layers.enumerated() {
            try Self.check("layer \(index) attention norm", layer.attentionNorm, c.embeddingLength)
            try Self.check("layer \(index) feed-forward norm", layer.feedForwardNorm, c.embeddingLength)
            for (role, matrix) in layer.matrices {
                let (rows, columns) = expected[role]!  // every role is listed above
                try Self.check("layer \(index) \(role)", matrix, rows, columns)
            }
        }
    }

    private static func check(_ name: String, _ matrix: WeightMatrix, _ rows: Int, _ columns: Int)
        throws(OpenLoRAError) {
        guard matrix.rowCount == rows, matrix.columnCount == columns else {
            throw OpenLoRAError(.shapeMismatch, "\(name) is \(matrix.rowCount) × \(matrix.columnCount), "
                                + "not \(rows) × \(columns)")
        }
    }

    private static func check(_ name: String, _ vector: [Float], _ count: Int) throws(OpenLoRAError) {
        guard vector.count == count else {
            throw OpenLoRAError(.shapeMismatch, "\(name) has \(vector.count) elements, not \(count)")
        }
    }
}
