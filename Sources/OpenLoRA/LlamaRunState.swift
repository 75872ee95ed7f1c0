/// Everything one sequence's forward passes write: the key-value cache and scratch buffers
/// for up to `batchCapacity` tokens per chunk, allocated once (llama2.c's RunState). Longer
/// inputs are processed in chunks of `batchCapacity` tokens.
///
/// Shapes (n = batchCapacity, d = embeddingLength, q = queryWidth, kv = keyValueWidth,
/// f = feedForwardLength, V = vocabularySize) are given on each buffer.
public final class LlamaRunState {
    /// Scratch tokens per forward chunk when none is given.
    public static let defaultBatchCapacity = 32

    /// The sequence's key-value cache.
    public let cache: KeyValueCache
    /// Tokens per forward chunk.
    public let batchCapacity: Int
    /// The residual stream: [n, d].
    let residual: UnsafeMutableBufferPointer<Float>
    /// RMSNorm output, the input of the projections: [n, d].
    let normalized: UnsafeMutableBufferPointer<Float>
    /// Queries: [n, q].
    let query: UnsafeMutableBufferPointer<Float>
    /// Keys of the chunk: [n, kv].
    let key: UnsafeMutableBufferPointer<Float>
    /// Values of the chunk: [n, kv].
    let value: UnsafeMutableBufferPointer<Float>
    /// Attention output, before its projection: [n, q].
    let attended: UnsafeMutableBufferPointer<Float>
    /// A projection's output before it is added to the residual stream: [n, d].
    let projected: UnsafeMutableBufferPointer<Float>
    /// SwiGLU gate, then the activation: [n, f].
    let gate: UnsafeMutableBufferPointer<Float>
    /// SwiGLU up projection: [n, f].
    let up: UnsafeMutableBufferPointer<Float>
    /// Logits: [n, V].
    let logits: UnsafeMutableBufferPointer<Float>
    /// Scratch for LoRA updates, grown on first use by an adapter's rank and widths.
    let adapterWorkspace = LoRAWorkspace()
    private let buffers: [UnsafeMutableBufferPointer<Float>]

    init(configuration c: LlamaConfiguration, contextCapacity: Int, batchCapacity: Int) {
        precondition(batchCapacity > 0, "a batch holds at least one token")
        cache = KeyValueCache(layerCount: c.blockCount, capacity: contextCapacity, width: c.keyValueWidth)
        self.batchCapacity = batchCapacity
        let make = { (width: Int) -> UnsafeMutableBufferPointer<Float> in
            let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: batchCapacity * width)
            buffer.initialize(repeating: 0)
            return buffer
        }
        residual = make(c.embeddingLength)
        normalized = make(c.embeddingLength)
        query = make(c.queryWidth)
        key = make(c.keyValueWidth)
        value = make(c.keyValueWidth)
        attended = make(c.queryWidth)
        projected = make(c.embeddingLength)
        gate = make(c.feedForwardLength)
        up = make(c.feedForwardLength)
        logits = make(c.vocabularySize)
        buffers = [residual, normalized, query, key, value, attended, projected, gate, up, logits]
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }

    /// The position the next token takes: the number of tokens processed.
    public var position: Int { cache.count }

    /// Forgets the sequence: the next forward pass starts at position 0.
    public func reset() {
        cache.truncate(to: 0)
    }

    /// The bytes the state occupies, cache and adapter scratch included.
    public var byteCount: Int {
        cache.byteCount + buffers.reduce(0) { $0 + $1.count * MemoryLayout<Float>.stride } + adapterWorkspace.byteCount
    }
}
