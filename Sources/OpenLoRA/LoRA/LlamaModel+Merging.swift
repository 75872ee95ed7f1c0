import Tensor

extension LlamaModel {
    /// This model with `adapter` merged into its weights, for hosting one adapter at the
    /// speed of the base model: every projection the adapter targets becomes
    /// W' = W + s·BA, stored as F32 (a quantized W is dequantized row by row exactly as the
    /// kernels read it, the update added in Float, and the result kept in F32: requantizing
    /// would add the quantizer's error to the update). Projections the adapter does not
    /// target, the embeddings and the norms are shared with this model unchanged.
    ///
    /// Throws `.invalidAdapter` for an adapter loaded for another base model.
    public func merging(_ adapter: LoRAAdapter) throws(OpenLoRAError) -> LlamaModel {
        try adapter.requireCompatible(with: configuration)
        var merged = weights
        for module in adapter.modules {
            guard let projection = adapter.projection(module) else { continue }
            let base = merged.layers[module.layer][projection: module.role]
            merged.layers[module.layer][projection: module.role] = mergedMatrix(base, projection, scale: adapter.scale)
        }
        return try LlamaModel(configuration: configuration, weights: merged, backend: backend,
                              endOfSequenceTokenIDs: endOfSequenceTokenIDs)
    }

    /// W + s·BA as an F32 matrix. BA is one backend product: with Aᵀ ([in, r]) as the weight
    /// and the rows of B ([out, r]) as the tokens, row o of the result is Σk B[o, k]·A[k, ·].
    private func mergedMatrix(_ weight: WeightMatrix, _ projection: LoRAProjection, scale: Float) -> WeightMatrix {
        let (rows, columns, rank) = (weight.rowCount, weight.columnCount, projection.rank)
        let a = projection.a.dequantized()
        var transposed = [Float](repeating: 0, count: a.count)
        for k in 0..<rank {
            for column in 0..<columns { transposed[column * rank + k] = a[k * columns + column] }
        }
        let aTransposed = WeightMatrix(rowCount: columns, columnCount: rank, values: transposed)
        let b = projection.b.dequantized()
        var product = [Float](repeating: 0, count: rows * columns)
        b.withUnsafeBufferPointer { b in
            product.withUnsafeMutableBufferPointer { product in
                backend.matrixProduct(aTransposed, b, tokenCount: rows, into: product)
            }
        }
        var values = weight.dequantized()
        for index in values.indices { values[index] += scale * product[index] }
        return WeightMatrix(rowCount: rows, columnCount: columns, values: values)
    }
}

extension LlamaLayerWeights {
    /// The projection matrix of `role` (one of `LoRAModule.projectionRoles`).
    subscript(projection role: LlamaLayerRole) -> WeightMatrix {
        get {
            switch role {
            case .query: query
            case .key: key
            case .value: value
            case .attentionOutput: attentionOutput
            case .gate: gate
            case .up: up
            case .down: down
            case .attentionNorm, .feedForwardNorm: preconditionFailure("\(role) is not a projection")
            }
        }
        set {
            switch role {
            case .query: query = newValue
            case .key: key = newValue
            case .value: value = newValue
            case .attentionOutput: attentionOutput = newValue
            case .gate: gate = newValue
            case .up: up = newValue
            case .down: down = newValue
            case .attentionNorm, .feedForwardNorm: preconditionFailure("\(role) is not a projection")
            }
        }
    }
}
