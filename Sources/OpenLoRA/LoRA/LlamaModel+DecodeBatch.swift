import Tensor

extension LlamaModel {
    /// A workspace for `decodeBatch` steps of up to `capacity` requests.
    public func makeBatchWorkspace(capacity: Int) -> LlamaBatchWorkspace {
        LlamaBatchWorkspace(configuration: configuration, capacity: capacity)
    }

    /// One decoding step for a batch of independent requests: request i runs `tokens[i]` at
    /// the next position of `states[i]` (appending it to that state's cache) with adapter
    /// `adapters[i]` (nil for the base model), and row i of the result ([n, V]) is its logits.
    ///
    /// Every projection's base product W·x runs once for the whole batch; then, per adapter,
    /// the rows that use it are gathered and get s·B(A·x) added (SGMV-style). Attention runs
    /// per request over its own cache. Each row equals `forward([tokens[i]], state: states[i],
    /// adapter: adapters[i])` up to the rounding of batched versus single-row products.
    ///
    /// `states` must be distinct objects and `workspace` made by a model of this configuration
    /// (programmer errors otherwise). Throws, changing no
    /// state, when the counts differ or exceed the workspace's capacity, for a token outside
    /// the vocabulary, a full state, or an adapter loaded for another base model.
    public func decodeBatch(tokens: [Int], states: [LlamaRunState], adapters: [LoRAAdapter?],
                            workspace: LlamaBatchWorkspace? = nil) throws(OpenLoRAError) -> FloatTensor {
        try checkBatch(tokens: tokens, states: states, adapters: adapters, capacity: workspace?.capacity)
        let workspace = workspace ?? makeBatchWorkspace(capacity: tokens.count)
        precondition(workspace.configuration == configuration, "the workspace was made for another model")
        let n = tokens.count, width = configuration.embeddingLength, s = workspace.scratch
        for (row, token) in tokens.enumerated() {
            let destination = UnsafeMutableBufferPointer(rebasing: s.residual[(row * width)..<((row + 1) * width)])
            weights.tokenEmbedding.dequantizeRows(token..<(token + 1), into: destination)
        }
        let groups = AdapterGroups(adapters)
        for layer in 0..<configuration.blockCount {
            batchAttentionBlock(layer, states: states, groups: groups, scratch: s)
            batchFeedForwardBlock(layer, tokenCount: n, groups: groups, scratch: s)
        }
        for state in states { state.cache.count += 1 }
        computeLogits(rows: 0..<n, state: s, tokenwise: true)
        let vocabulary = configuration.vocabularySize
        return FloatTensor(shape: [n, vocabulary], scalars: Array(s.logits[0..<(n * vocabulary)]))
    }

    private func checkBatch(tokens: [Int], states: [LlamaRunState], adapters: [LoRAAdapter?], capacity: Int?)
        throws(OpenLoRAError) {
        guard !tokens.isEmpty, tokens.count == states.count, tokens.count == adapters.count else {
            throw OpenLoRAError(.invalidOptions, "a batch needs as many states and adapters as tokens (at least one); "
                                + "got \(tokens.count) tokens, \(states.count) states, \(adapters.count) adapters")
        }
        if let capacity, tokens.count > capacity {
            throw OpenLoRAError(.invalidOptions, "\(tokens.count) requests exceed the workspace's \(capacity)")
        }
        precondition(Set(states.map(ObjectIdentifier.init)).count == states.count, "a state appears twice in a batch")
        for (row, token) in tokens.enumerated() {
            guard token >= 0, token < configuration.vocabularySize else {
                throw OpenLoRAError(.tokenOutOfRange, "request \(row): token \(token) is outside the vocabulary of "
                                    + "\(configuration.vocabularySize)")
            }
            guard states[row].position < states[row].cache.capacity else {
                throw OpenLoRAError(.contextOverflow, "request \(row): its state holds \(states[row].cache.capacity) "
                                    + "positions, all filled")
            }
            try adapters[row]?.requireCompatible(with: configuration)
        }
    }

    /// W·x for every row, then each adapter's update on its gathered rows.
    private func batchProject(_ weight: WeightMatrix, _ role: LlamaLayerRole, layer: Int,
                              _ input: UnsafeBufferPointer<Float>, tokenCount n: Int,
                              into output: UnsafeMutableBufferPointer<Float>, groups: AdapterGroups,
                              workspace: LoRAWorkspace) {
        backend.tokenwiseProduct(weight, input, tokenCount: n, into: output)
        let roleIndex = LoRAModule.roleIndex(role)
        for group in groups.groups {
            guard let projection = group.adapter.projection(layer: layer, roleIndex: roleIndex) else { continue }
            let (inputs, outputs) = (weight.columnCount, weight.rowCount)
            var rows = input
            if group.rows.count < n {
                let gathered = workspace.buffer(.gathered, count: group.rows.count * inputs)
                for (index, row) in group.rows.enumerated() {
                    _ = UnsafeMutableBufferPointer(rebasing: gathered[(index * inputs)..<((index + 1) * inputs)])
                        .update(fromContentsOf: input[(row * inputs)..<((row + 1) * inputs)])
                }
                rows = UnsafeBufferPointer(gathered)
            }
            let delta = adapterDelta(projection, scale: group.adapter.scale, rows, tokenCount: group.rows.count,
                                     workspace: workspace)
            for (index, row) in group.rows.enumerated() {
                backend.add(UnsafeBufferPointer(rebasing: delta[(index * outputs)..<((index + 1) * outputs)]),
                            to: UnsafeMutableBufferPointer(rebasing: output[(row * outputs)..<((row + 1) * outputs)]))
            }
        }
    }

    /// The attention block for one token per request: shared projections, then RoPE, the
    /// cache write and attention per request at its own position.
    private func batchAttentionBlock(_ layer: Int, states: [LlamaRunState], groups: AdapterGroups,
                                     scratch s: LlamaRunState) {
        let c = configuration, w = weights.layers[layer], n = states.count
        let x = prefix(s.residual, n * c.embeddingLength), normalized = prefix(s.normalized, n * c.embeddingLength)
        w.attentionNorm.withUnsafeBufferPointer {
            backend.rmsNormalize(UnsafeBufferPointer(x), weight: $0, epsilon: c.rmsNormEpsilon, into: normalized)
        }
        let input = UnsafeBufferPointer(normalized), lora = s.adapterWorkspace
        for (weight, role, output) in [(w.query, LlamaLayerRole.query, s.query), (w.key, .key, s.key),
                                       (w.value, .value, s.value)] {
            batchProject(weight, role, layer: layer, input, tokenCount: n, into: output, groups: groups,
                         workspace: lora)
        }
        for (row, state) in states.enumerated() { attendOne(layer, row: row, state: state, scratch: s) }
        batchProject(w.attentionOutput, .attentionOutput, layer: layer, UnsafeBufferPointer(s.attended), tokenCount: n,
                     into: s.projected, groups: groups, workspace: lora)
        backend.add(UnsafeBufferPointer(s.projected), to: x)
    }

    /// Row `row`'s query and key rotated at its state's position, its key and value written to
    /// that state's cache, and its attention over the cache into `scratch.attended`.
    private func attendOne(_ layer: Int, row: Int, state: LlamaRunState, scratch s: LlamaRunState) {
        let c = configuration, position = state.position
        let (queryWidth, keyValueWidth) = (c.queryWidth, c.keyValueWidth)
        let query = UnsafeMutableBufferPointer(rebasing: s.query[(row * queryWidth)..<((row + 1) * queryWidth)])
        let key = UnsafeMutableBufferPointer(rebasing: s.key[(row * keyValueWidth)..<((row + 1) * keyValueWidth)])
        let value = s.value[(row * keyValueWidth)..<((row + 1) * keyValueWidth)]
        inverseFrequencies.withUnsafeBufferPointer { frequencies in
            backend.applyRope(query, tokenCount: 1, startPosition: position, headCount: c.headCount,
                              headDimension: c.headDimension, inverseFrequencies: frequencies, layout: c.ropeLayout)
            backend.applyRope(key, tokenCount: 1, startPosition: position, headCount: c.keyValueHeadCount,
                              headDimension: c.headDimension, inverseFrequencies: frequencies, layout: c.ropeLayout)
        }
        let keys = state.cache.keys(layer: layer), values = state.cache.values(layer: layer)
        let span = (position * keyValueWidth)..<((position + 1) * keyValueWidth)
        _ = UnsafeMutableBufferPointer(rebasing: keys[span]).update(fromContentsOf: key)
        _ = UnsafeMutableBufferPointer(rebasing: values[span]).update(fromContentsOf: value)
        let shape = AttentionShape(tokenCount: 1, startPosition: position, headCount: c.headCount,
                                   keyValueHeadCount: c.keyValueHeadCount, headDimension: c.headDimension)
        let attended = UnsafeMutableBufferPointer(rebasing: s.attended[(row * queryWidth)..<((row + 1) * queryWidth)])
        backend.attention(shape, queries: UnsafeBufferPointer(query), keys: UnsafeBufferPointer(keys),
                          values: UnsafeBufferPointer(values), into: attended)
    }

    /// The feed-forward block for every row, projections shared as in the attention block.
    private func batchFeedForwardBlock(_ layer: Int, tokenCount n: Int, groups: AdapterGroups,
                                       scratch s: LlamaRunState) {
        let c = configuration, w = weights.layers[layer], lora = s.adapterWorkspace
        let x = prefix(s.residual, n * c.embeddingLength), normalized = prefix(s.normalized, n * c.embeddingLength)
        w.feedForwardNorm.withUnsafeBufferPointer {
            backend.rmsNormalize(UnsafeBufferPointer(x), weight: $0, epsilon: c.rmsNormEpsilon, into: normalized)
        }
        let input = UnsafeBufferPointer(normalized)
        batchProject(w.gate, .gate, layer: layer, input, tokenCount: n, into: s.gate, groups: groups, workspace: lora)
        batchProject(w.up, .up, layer: layer, input, tokenCount: n, into: s.up, groups: groups, workspace: lora)
        backend.siluMultiply(prefix(s.gate, n * c.feedForwardLength), by: UnsafeBufferPointer(s.up))
        batchProject(w.down, .down, layer: layer, UnsafeBufferPointer(s.gate), tokenCount: n, into: s.projected,
                     groups: groups, workspace: lora)
        backend.add(UnsafeBufferPointer(s.projected), to: x)
    }
}
