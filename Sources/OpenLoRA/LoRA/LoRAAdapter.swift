import Tensor

/// A LoRA adapter loaded for one base model: its configuration, and the F32 factors of every
/// projection it targets, ready for the backend. Immutable and shareable between threads
/// and requests; the identity of the object is what a multi-adapter batch groups by.
///
/// Row order: an adapter is loaded *for* a base configuration. With a GGUF base
/// (`ropeLayout == .interleaved`) the rows of B for q_proj and k_proj are permuted as
/// llama.cpp's converter permuted the base's rows (`RopeRowPermutation`), so an adapter
/// trained on the Hugging Face weights applies unchanged in meaning; the writer undoes the
/// permutation, so files are always in PEFT's (Hugging Face's) order.
public final class LoRAAdapter: Sendable {
    /// The adapter_config.json values.
    public let configuration: LoRAAdapterConfiguration
    /// The update's scale s (α / r, or α / √r).
    public let scale: Float
    /// The projections the adapter changes, sorted by layer and role.
    public let modules: [LoRAModule]
    /// The bytes the factors occupy.
    public let byteCount: Int
    /// The dimensions of the base model the adapter was loaded for.
    let baseShape: LoRABaseShape
    /// The factors per (layer, role index); nil where the adapter does not apply.
    private let projections: [LoRAProjection?]

    /// An adapter from factor values in PEFT's layout (A [r, in] and B [out, r], row-major,
    /// Hugging Face row order) for a model of `base`'s configuration. Throws `.invalidAdapter`
    /// when `factors` does not hold exactly the modules the configuration targets, and
    /// `.shapeMismatch` when a factor's size does not fit the base model.
    public init(configuration: LoRAAdapterConfiguration, factors: [LoRAModule: (a: [Float], b: [Float])],
                base: LlamaConfiguration) throws(OpenLoRAError) {
        let modules = try configuration.targetedModules(blockCount: base.blockCount)
        guard Set(modules) == Set(factors.keys) else {
            let missing = modules.filter { factors[$0] == nil }.map(\.description)
            let extra = factors.keys.filter { !modules.contains($0) }.map(\.description).sorted()
            throw OpenLoRAError(.invalidAdapter, "the factors do not match target_modules: missing \(missing), "
                                + "not targeted \(extra)")
        }
        let shape = LoRABaseShape(base)
        var projections = [LoRAProjection?](repeating: nil, count: base.blockCount * LoRAModule.projectionRoles.count)
        var bytes = 0
        for module in modules {
            let (a, b) = factors[module]!  // the key sets are equal
            let projection = try Self.projection(module, a: a, b: b, rank: configuration.rank, shape: shape)
            projections[shape.index(module)] = projection
            bytes += projection.byteCount
        }
        self.configuration = configuration
        scale = configuration.scale
        self.modules = modules
        byteCount = bytes
        baseShape = shape
        self.projections = projections
    }

    /// The factors of `module`; nil when the adapter does not change it.
    public func projection(_ module: LoRAModule) -> LoRAProjection? {
        guard module.layer < baseShape.blockCount else { return nil }
        return projections[baseShape.index(module)]
    }

    /// The factors of block `layer`'s projection `role`, as the forward pass looks them up.
    func projection(layer: Int, roleIndex: Int) -> LoRAProjection? {
        projections[layer * LoRAModule.projectionRoles.count + roleIndex]
    }

    /// Whether the adapter was loaded for a model with `configuration`'s dimensions and RoPE
    /// row layout.
    public func isCompatible(with configuration: LlamaConfiguration) -> Bool {
        baseShape == LoRABaseShape(configuration)
    }

    /// Throws `.invalidAdapter` unless `isCompatible(with: configuration)`.
    func requireCompatible(with configuration: LlamaConfiguration) throws(OpenLoRAError) {
        guard isCompatible(with: configuration) else {
            throw OpenLoRAError(.invalidAdapter, "the adapter was loaded for another base model (\(baseShape)); "
                                + "this one is \(LoRABaseShape(configuration))")
        }
    }

    /// A's and B's values in PEFT's layout (B's rows in Hugging Face order), for writing.
    public func factorValues(_ module: LoRAModule) -> (a: [Float], b: [Float])? {
        guard let projection = projection(module) else { return nil }
        var b = projection.b.dequantized()
        if let headDimension = baseShape.permutedHeadDimension(module.role) {
            b = RopeRowPermutation.deinterleave(b, rowLength: projection.rank, headDimension: headDimension)
        }
        return (projection.a.dequantized(), b)
    }

    private static func projection(_ module: LoRAModule, a: [Float], b: [Float], rank: Int, shape: LoRABaseShape)
        throws(OpenLoRAError) -> LoRAProjection {
        let (outputs, inputs) = shape.projectionSize(module.role)
        guard a.count == rank * inputs, b.count == outputs * rank else {
            throw OpenLoRAError(.shapeMismatch, "\(module): A has \(a.count) values and B \(b.count); the base "
                                + "model needs A [\(rank), \(inputs)] and B [\(outputs), \(rank)]")
        }
        var rows = b
        if let headDimension = shape.permutedHeadDimension(module.role) {
            rows = RopeRowPermutation.interleave(b, rowLength: rank, headDimension: headDimension)
        }
        return LoRAProjection(a: WeightMatrix(rowCount: rank, columnCount: inputs, values: a),
                              b: WeightMatrix(rowCount: outputs, columnCount: rank, values: rows))
    }
}
