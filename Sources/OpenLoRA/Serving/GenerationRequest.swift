/// One request to a `BatchScheduler`: prompt tokens, when to stop and how to sample
/// (`GenerationOptions`: maximum tokens, stop token ids, stop sequences, sampling
/// parameters), and the adapter to apply, if any.
public struct GenerationRequest: Sendable {
    /// The prompt's token ids (at least one).
    public var prompt: [Int]
    /// Maximum tokens, stop tokens (nil: the model's end-of-sequence ids), stop sequences and
    /// sampling parameters, as `LlamaModel.generate` takes them.
    public var options: GenerationOptions
    /// The adapter applied to every forward pass of the request (nil: the base model).
    public var adapter: LoRAAdapter?
    /// A lease the scheduler releases when the request ends (its adapter is `adapter`).
    public var lease: AdapterLease?

    /// A request for the base model, or with `adapter`.
    public init(prompt: [Int], options: GenerationOptions = GenerationOptions(), adapter: LoRAAdapter? = nil) {
        self.prompt = prompt
        self.options = options
        self.adapter = adapter
        lease = nil
    }

    /// A request with a cached adapter: the scheduler applies `lease.adapter` and releases
    /// the lease when the request ends (finished, cancelled or refused).
    public init(prompt: [Int], options: GenerationOptions = GenerationOptions(), lease: AdapterLease) {
        self.prompt = prompt
        self.options = options
        adapter = lease.adapter
        self.lease = lease
    }
}
