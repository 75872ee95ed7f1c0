/// A PEFT LoRA adapter's `adapter_config.json`: the rank, α, the targeted modules and the
/// scaling rule, checked against `LoRAAdapterConfiguration.Limits`.
///
/// The update a targeted projection gets is `y = Wx + s·B(Ax)` with `s = α / r`, or
/// `s = α / √r` with rank-stabilized scaling (`use_rslora`).
public struct LoRAAdapterConfiguration: Sendable, Equatable {
    /// The rank r: rows of every A, columns of every B.
    public var rank: Int
    /// `lora_alpha`.
    public var alpha: Double
    /// `use_rslora`: scale by α / √r instead of α / r.
    public var usesRankStabilizedScaling: Bool
    /// `target_modules`.
    public var targetModules: LoRAModuleSelection
    /// `exclude_modules` (nil when absent).
    public var excludedModules: LoRAModuleSelection?
    /// `lora_dropout`: used in training only; kept so a written adapter carries it.
    public var dropout: Double
    /// `base_model_name_or_path` (nil when absent).
    public var baseModelNameOrPath: String?

    /// Upper bounds on what an adapter declares, checked before anything is allocated.
    public enum Limits {
        /// The largest rank.
        public static let rankMaximum = 4096
        /// The largest adapter_config.json.
        public static let configurationByteCountMaximum = 1 << 20
        /// The longest `target_modules` / `exclude_modules` pattern, in UTF-8 bytes.
        public static let patternByteCountMaximum = 4096
        /// The most names a `target_modules` / `exclude_modules` list holds.
        public static let nameCountMaximum = 1024
        /// The longest listed module name, in UTF-8 bytes.
        public static let nameByteCountMaximum = 256
    }

    /// A configuration; `validate()` checks it.
    public init(rank: Int, alpha: Double, targetModules: LoRAModuleSelection, usesRankStabilizedScaling: Bool = false,
                excludedModules: LoRAModuleSelection? = nil, dropout: Double = 0, baseModelNameOrPath: String? = nil) {
        self.rank = rank
        self.alpha = alpha
        self.targetModules = targetModules
        self.usesRankStabilizedScaling = usesRankStabilizedScaling
        self.excludedModules = excludedModules
        self.dropout = dropout
        self.baseModelNameOrPath = baseModelNameOrPath
    }

    /// The scale s of the update: α / r, or α / √r with rank-stabilized scaling (computed in
    /// Double, as PEFT computes it in Python floats, then rounded once).
    public var scale: Float {
        let divisor = usesRankStabilizedScaling ? Double(rank).squareRoot() : Double(rank)
        return Float(alpha / divisor)
    }

    /// Checks the rank, α and the module selections against `Limits` (patterns must compile).
    public func validate() throws(OpenLoRAError) {
        guard rank > 0, rank <= Limits.rankMaximum else {
            throw OpenLoRAError(.invalidAdapter, "r \(rank) is outside 1...\(Limits.rankMaximum)")
        }
        guard alpha.isFinite, dropout.isFinite else {
            throw OpenLoRAError(.invalidAdapter, "lora_alpha \(alpha) or lora_dropout \(dropout) is not finite")
        }
        try Self.validate(targetModules, "target_modules")
        if let excludedModules {
            guard excludedModules != .allLinear else {
                throw OpenLoRAError(.invalidAdapter, "exclude_modules cannot be all-linear")
            }
            try Self.validate(excludedModules, "exclude_modules")
        }
    }

    /// The projections of a base model of `blockCount` blocks this adapter targets, sorted.
    public func targetedModules(blockCount: Int) throws(OpenLoRAError) -> [LoRAModule] {
        try validate()
        return try LlamaModuleCatalog(blockCount: blockCount).resolve(targets: targetModules, excluded: excludedModules)
    }

    private static func validate(_ selection: LoRAModuleSelection, _ field: String) throws(OpenLoRAError) {
        switch selection {
        case .allLinear: return
        case .pattern(let pattern):
            guard pattern.utf8.count <= Limits.patternByteCountMaximum else {
                throw OpenLoRAError(.invalidAdapter, "\(field) pattern is \(pattern.utf8.count) bytes; the limit is "
                                    + "\(Limits.patternByteCountMaximum)")
            }
            _ = try selection.matcher()
        case .names(let names):
            guard names.count <= Limits.nameCountMaximum else {
                throw OpenLoRAError(.invalidAdapter, "\(field) lists \(names.count) names; the limit is "
                                    + "\(Limits.nameCountMaximum)")
            }
            if let long = names.first(where: { $0.utf8.count > Limits.nameByteCountMaximum || $0.isEmpty }) {
                throw OpenLoRAError(.invalidAdapter, "\(field) name \"\(long.prefix(64))\" is empty or longer than "
                                    + "\(Limits.nameByteCountMaximum) bytes")
            }
        }
    }
}
