import Tensor

/// The dimensions of a base model that decide whether an adapter fits it, and the RoPE row
/// layout its q/k rows are in.
struct LoRABaseShape: Equatable, Sendable, CustomStringConvertible {
    let blockCount: Int
    let embeddingLength: Int
    let feedForwardLength: Int
    let headCount: Int
    let keyValueHeadCount: Int
    let headDimension: Int
    let ropeLayout: RopeLayout

    init(_ c: LlamaConfiguration) {
        blockCount = c.blockCount
        embeddingLength = c.embeddingLength
        feedForwardLength = c.feedForwardLength
        headCount = c.headCount
        keyValueHeadCount = c.keyValueHeadCount
        headDimension = c.headDimension
        ropeLayout = c.ropeLayout
    }

    /// (output features, input features) of a projection.
    func projectionSize(_ role: LlamaLayerRole) -> (outputs: Int, inputs: Int) {
        let query = headCount * headDimension, keyValue = keyValueHeadCount * headDimension
        switch role {
        case .query: return (query, embeddingLength)
        case .key, .value: return (keyValue, embeddingLength)
        case .attentionOutput: return (embeddingLength, query)
        case .gate, .up: return (feedForwardLength, embeddingLength)
        case .down: return (embeddingLength, feedForwardLength)
        case .attentionNorm, .feedForwardNorm: preconditionFailure("\(role) is not a projection")
        }
    }

    /// The head dimension whose row permutation B needs for `role` (q and k on an interleaved
    /// base), or nil when its rows are used as stored.
    func permutedHeadDimension(_ role: LlamaLayerRole) -> Int? {
        guard ropeLayout == .interleaved, role == .query || role == .key else { return nil }
        return headDimension
    }

    /// The slot of `module` in a flat per-(layer, role) table.
    func index(_ module: LoRAModule) -> Int {
        precondition(module.layer < blockCount, "layer \(module.layer) outside 0..<\(blockCount)")
        return module.layer * LoRAModule.projectionRoles.count + module.roleIndex
    }

    var description: String {
        "\(blockCount) blocks, width \(embeddingLength), feed-forward \(feedForwardLength), \(headCount)/"
            + "\(keyValueHeadCount) heads of \(headDimension), \(ropeLayout) rows"
    }
}
