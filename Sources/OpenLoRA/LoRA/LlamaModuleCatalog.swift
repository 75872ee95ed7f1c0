/// The named modules of Hugging Face's LlamaForCausalLM (`named_modules()` without the root),
/// which PEFT matches `target_modules` against, with what each one is.
struct LlamaModuleCatalog {
    /// What a module is, for deciding whether LoRA can target it.
    enum Kind: Equatable {
        /// A block's linear projection: a LoRA target.
        case projection(LoRAModule)
        /// `model.embed_tokens` (an nn.Embedding; PEFT's embedding LoRA is not supported).
        case embedding
        /// `lm_head` (a linear layer, but not one this runtime adapts).
        case output
        /// A container, norm, activation or rotary embedding: no weights LoRA could adapt.
        case other
    }

    /// Every module name with its kind, in model order.
    let modules: [(name: String, kind: Kind)]

    init(blockCount: Int) {
        var modules: [(String, Kind)] = [("model", .other), ("model.embed_tokens", .embedding),
                                         ("model.layers", .other)]
        for layer in 0..<blockCount {
            let prefix = "model.layers.\(layer)"
            modules += [(prefix, .other), (prefix + ".self_attn", .other), (prefix + ".mlp", .other)]
            for role in LoRAModule.projectionRoles {
                let module = LoRAModule(layer: layer, role: role)
                modules.append((module.huggingFaceName, .projection(module)))
            }
            modules += [(prefix + ".mlp.act_fn", .other), (prefix + ".input_layernorm", .other),
                        (prefix + ".post_attention_layernorm", .other)]
        }
        modules += [("model.norm", .other), ("model.rotary_emb", .other), ("lm_head", .output)]
        self.modules = modules
    }

    /// The projections `targets` selects and `excluded` does not, sorted. Throws
    /// `.unsupportedAdapterFeature` when the selection reaches the embedding or the output
    /// projection, `.invalidAdapter` when it reaches a module that is not a linear projection,
    /// when a listed name matches no module, or when nothing is selected.
    func resolve(targets: LoRAModuleSelection, excluded: LoRAModuleSelection?) throws(OpenLoRAError) -> [LoRAModule] {
        let isTarget = try targets.matcher()
        let isExcluded = try excluded?.matcher() ?? { _ in false }
        var chosen: [LoRAModule] = []
        for (name, kind) in modules where !isExcluded(name) {
            if targets == .allLinear {
                if case .projection(let module) = kind { chosen.append(module) }
                continue
            }
            guard isTarget(name) else { continue }
            switch kind {
            case .projection(let module): chosen.append(module)
            case .embedding: throw Self.refused("embed_tokens (an embedding LoRA)")
            case .output: throw Self.refused("lm_head (a LoRA on the output projection)")
            case .other:
                throw OpenLoRAError(.invalidAdapter, "target_modules selects \(name), which is not a Llama linear "
                                    + "projection (q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj)")
            }
        }
        try checkEveryNameMatches(targets)
        guard !chosen.isEmpty else {
            throw OpenLoRAError(.invalidAdapter, "target_modules selects no projection of the base model")
        }
        return chosen.sorted()
    }

    /// A listed target that matches no module at all names something Llama does not have.
    private func checkEveryNameMatches(_ targets: LoRAModuleSelection) throws(OpenLoRAError) {
        guard case .names(let names) = targets else { return }
        for target in names where !modules.contains(where: { $0.name == target || $0.name.hasSuffix("." + target) }) {
            throw OpenLoRAError(.invalidAdapter, "target module \(target) is not a module of a Llama model (its "
                                + "projections are q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj)")
        }
    }

    private static func refused(_ what: String) -> OpenLoRAError {
        OpenLoRAError(.unsupportedAdapterFeature, "target_modules selects \(what), which is not supported")
    }
}
