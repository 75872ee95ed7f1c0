import Tensor

extension LlamaModel {
    /// Runs `tokens` at the state's next positions, appends them to its cache, and returns the
    /// logits `selection` asks for: [1, V] for `.last`, [tokens.count, V] for `.all`. With an
    /// adapter, each projection it targets computes `Wx + s·B(Ax)`.
    /// Throws for an empty input, a token outside the vocabulary, more positions than the
    /// state holds, or an adapter loaded for another base model; the state is unchanged then.
    public func forward(_ tokens: [Int], state: LlamaRunState, adapter: LoRAAdapter? = nil,
                        logits selection: LogitsSelection = .last) throws(OpenLoRAError) -> FloatTensor {
        try checkInput(tokens, state: state, adapter: adapter)
        let vocabulary = configuration.vocabularySize
        var all: [Float] = []
        if selection == .all { all.reserveCapacity(tokens.count * vocabulary) }
        var start = 0
        while start < tokens.count {
            let chunk = tokens[start..<min(tokens.count, start + state.batchCapacity)]
            runChunk(chunk, state: state, adapter: adapter)
            let isLast = chunk.endIndex == tokens.count
            if selection == .all {
                computeLogits(rows: 0..<chunk.count, state: state)
                all.append(contentsOf: state.logits[0..<(chunk.count * vocabulary)])
            } else if isLast {
                computeLogits(rows: (chunk.count - 1)..<chunk.count, state: state)
            }
            start = chunk.endIndex
        }
        if selection == .all { return FloatTensor(shape: [tokens.count, vocabulary], scalars: all) }
        return FloatTensor(shape: [1, vocabulary], scalars: Array(state.logits[0..<vocabulary]))
    }

    /// Runs `tokens` and leaves the last token's logits in `state.logits[0..<V]`, copying nothing.
    func forwardLast(_ tokens: ArraySlice<Int>, state: LlamaRunState, adapter: LoRAAdapter?) throws(OpenLoRAError) {
        try checkInput(Array(tokens), state: state, adapter: adapter)
        var start = tokens.startIndex
        while start < tokens.endIndex {
            let chunk = tokens[start..<min(tokens.endIndex, start + state.batchCapacity)]
            runChunk(chunk, state: state, adapter: adapter)
            start = chunk.endIndex
        }
        let lastRow = (tokens.count - 1) % state.batchCapacity
        computeLogits(rows: lastRow..<(lastRow + 1), state: state)
    }

    private func checkInput(_ tokens: [Int], state: LlamaRunState, adapter: LoRAAdapter?) throws(OpenLoRAError) {
        try adapter?.requireCompatible(with: configuration)
        guard !tokens.isEmpty else { throw OpenLoRAError(.invalidOptions, "a forward pass needs at least one token") }
        if let bad = tokens.first(where: { $0 < 0 || $0 >= configuration.vocabularySize }) {
            throw OpenLoRAError(.tokenOutOfRange,
                                "token \(bad) is outside the vocabulary of \(configuration.vocabularySize)")
        }
        guard tokens.count <= state.cache.capacity - state.position else {
            throw OpenLoRAError(.contextOverflow, "\(tokens.count) tokens after position \(state.position) exceed "
                                + "the capacity of \(state.cache.capacity) positions")
        }
    }

    /// One chunk of at most `batchCapacity` tokens through every block; the cache grows by it.
    private func runChunk(_ tokens: ArraySlice<Int>, state: LlamaRunState, adapter: LoRAAdapter?) {
        let width = configuration.embeddingLength
        for (row, token) in tokens.enumerated() {
            let destination = UnsafeMutableBufferPointer(rebasing: state.residual[(row * width)..<((row + 1) * width)])
            weights.tokenEmbedding.dequantizeRows(token..<(token + 1), into: destination)
        }
        for layer in 0..<configuration.blockCount {
            attentionBlock(layer, tokenCount: tokens.count, state: state, adapter: adapter)
            feedForwardBlock(layer, tokenCount: tokens.count, state: state, adapter: adapter)
        }
        state.cache.count += tokens.count
    }

    /// x += Wo · attention(RoPE(Wq · norm(x)), cache + RoPE(Wk · norm(x)), cache + Wv · norm(x)).
    private func attentionBlock(_ layer: Int, tokenCount n: Int, state s: LlamaRunState, adapter: LoRAAdapter?) {
        let c = configuration, w = weights.layers[layer], start = s.position
        let x = prefix(s.residual, n * c.embeddingLength), normalized = prefix(s.normalized, n * c.embeddingLength)
        w.attentionNorm.withUnsafeBufferPointer {
            backend.rmsNormalize(UnsafeBufferPointer(x), weight: $0, epsilon: c.rmsNormEpsilon, into: normalized)
        }
        let input = UnsafeBufferPointer(normalized)
        let lora = AdapterRows(adapter: adapter, layer: layer, workspace: s.adapterWorkspace)
        project(w.query, .query, input, tokenCount: n, into: s.query, lora)
        project(w.key, .key, input, tokenCount: n, into: s.key, lora)
        project(w.value, .value, input, tokenCount: n, into: s.value, lora)
        inverseFrequencies.withUnsafeBufferPointer { frequencies in
            backend.applyRope(s.query, tokenCount: n, startPosition: start, headCount: c.headCount,
                              headDimension: c.headDimension, inverseFrequencies: frequencies, layout: c.ropeLayout)
            backend.applyRope(s.key, tokenCount: n, startPosition: start, headCount: c.keyValueHeadCount,
                              headDimension: c.headDimension, inverseFrequencies: frequencies, layout: c.ropeLayout)
        }
        let keys = s.cache.keys(layer: layer), values = s.cache.values(layer: layer)
        let span = (start * c.keyValueWidth)..<((start + n) * c.keyValueWidth)
        let chunkWidth = n * c.keyValueWidth
        _ = UnsafeMutableBufferPointer(rebasing: keys[span]).update(fromContentsOf: prefix(s.key, chunkWidth))
        _ = UnsafeMutableBufferPointer(rebasing: values[span]).update(fromContentsOf: prefix(s.value, chunkWidth))
        let shape = AttentionShape(tokenCount: n, startPosition: start, headCount: c.headCount,
                                   keyValueHeadCount: c.keyValueHeadCount, headDimension: c.headDimension)
        backend.attention(shape, queries: UnsafeBufferPointer(s.query), keys: UnsafeBufferPointer(keys),
                          values: UnsafeBufferPointer(values), into: s.attended)
        project(w.attentionOutput, .attentionOutput, UnsafeBufferPointer(s.attended), tokenCount: n, into: s.projected,
                lora)
        backend.add(UnsafeBufferPointer(s.projected), to: x)
    }

    /// x += W_down · (silu(W_gate · norm(x)) ⊙ W_up · norm(x)).
    private func feedForwardBlock(_ layer: Int, tokenCount n: Int, state s: LlamaRunState, adapter: LoRAAdapter?) {
        let c = configuration, w = weights.layers[layer]
        let x = prefix(s.residual, n * c.embeddingLength), normalized = prefix(s.normalized, n * c.embeddingLength)
        w.feedForwardNorm.withUnsafeBufferPointer {
            backend.rmsNormalize(UnsafeBufferPointer(x), weight: $0, epsilon: c.rmsNormEpsilon, into: normalized)
        }
        let lora = AdapterRows(adapter: adapter, layer: layer, workspace: s.adapterWorkspace)
        project(w.gate, .gate, UnsafeBufferPointer(normalized), tokenCount: n, into: s.gate, lora)
        project(w.up, .up, UnsafeBufferPointer(normalized), tokenCount: n, into: s.up, lora)
        backend.siluMultiply(prefix(s.gate, n * c.feedForwardLength), by: UnsafeBufferPointer(s.up))
        project(w.down, .down, UnsafeBufferPointer(s.gate), tokenCount: n, into: s.projected, lora)
        backend.add(UnsafeBufferPointer(s.projected), to: x)
    }

    /// Logits of chunk rows `rows` into `state.logits` rows 0..<rows.count; `tokenwise` for
    /// rows that are independent requests (each as its own single-row product computes it).
    func computeLogits(rows: Range<Int>, state s: LlamaRunState, tokenwise: Bool = false) {
        let width = configuration.embeddingLength
        let x = UnsafeBufferPointer(rebasing: s.residual[(rows.lowerBound * width)..<(rows.upperBound * width)])
        let normalized = prefix(s.normalized, rows.count * width)
        weights.outputNorm.withUnsafeBufferPointer {
            backend.rmsNormalize(x, weight: $0, epsilon: configuration.rmsNormEpsilon, into: normalized)
        }
        let input = UnsafeBufferPointer(normalized)
        if tokenwise {
            backend.tokenwiseProduct(weights.output, input, tokenCount: rows.count, into: s.logits)
        } else {
            backend.matrixProduct(weights.output, input, tokenCount: rows.count, into: s.logits)
        }
    }

    func prefix(_ buffer: UnsafeMutableBufferPointer<Float>, _ count: Int)
        -> UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
    }
}
