/// Scratch buffers for `LlamaModel.decodeBatch`: activations for up to `capacity` requests
/// (one token each) and the LoRA scratch, allocated once and reused by every step. The
/// requests' keys and values live in their own `LlamaRunState`s. Used by one thread at a time.
public final class LlamaBatchWorkspace {
    /// The most requests one step may hold.
    public let capacity: Int
    /// Activation buffers sized for `capacity` tokens; its cache is unused.
    let scratch: LlamaRunState
    /// The configuration of the model the buffers are sized for.
    let configuration: LlamaConfiguration

    init(configuration: LlamaConfiguration, capacity: Int) {
        precondition(capacity > 0, "a batch holds at least one request")
        self.capacity = capacity
        self.configuration = configuration
        scratch = LlamaRunState(configuration: configuration, contextCapacity: 1, batchCapacity: capacity)
    }

    /// The bytes the workspace occupies.
    public var byteCount: Int { scratch.byteCount }
}
