/// PEFT's tensor names in adapter_model.safetensors:
/// `base_model.model.model.layers.<N>.<self_attn|mlp>.<name>_proj.lora_<A|B>.weight`.
/// Names of the PEFT features this runtime refuses are recognised and refused by name.
enum LoRATensorName {
    static let prefix = "base_model.model.model.layers."

    /// Tensor name fragments of refused features, with the feature's name.
    static let refusedFragments: [(fragment: String, feature: String)] = [
        ("lora_magnitude_vector", "DoRA (lora_magnitude_vector)"),
        ("lora_embedding_", "an embedding LoRA (lora_embedding_A/B)"), ("embed_tokens", "embed_tokens weights"),
        ("lm_head", "lm_head weights"), ("modules_to_save", "modules_to_save weights"),
        (".lora_A.bias", "LoRA biases (lora_bias)"), (".lora_B.bias", "LoRA biases (lora_bias)"),
    ]

    /// The module and factor `name` holds, for a base of `blockCount` blocks.
    static func parse(_ name: String, blockCount: Int) throws(OpenLoRAError) -> (LoRAModule, LoRAWeightPart) {
        if let refused = refusedFragments.first(where: { name.contains($0.fragment) }) {
            throw OpenLoRAError(.unsupportedAdapterFeature, "tensor \(name.prefix(200)) is \(refused.feature), "
                                + "which is not supported")
        }
        guard name.hasPrefix(prefix) else { throw unexpected(name) }
        let rest = name.dropFirst(prefix.count)
        guard let dot = rest.firstIndex(of: "."), rest.distance(from: rest.startIndex, to: dot) <= 9,
              let layer = Int(rest[rest.startIndex..<dot]), layer >= 0 else { throw unexpected(name) }
        let tail = rest[rest.index(after: dot)...]
        for role in LoRAModule.projectionRoles {
            for part in LoRAWeightPart.allCases where tail == "\(role.huggingFaceName).\(part.rawValue).weight" {
                guard layer < blockCount else {
                    throw OpenLoRAError(.invalidAdapter, "tensor \(name) belongs to layer \(layer); the base model "
                                        + "has \(blockCount) blocks (an adapter for another base?)")
                }
                return (LoRAModule(layer: layer, role: role), part)
            }
        }
        throw unexpected(name)
    }

    private static func unexpected(_ name: String) -> OpenLoRAError {
        OpenLoRAError(.invalidAdapter, "tensor \(name.prefix(200)) is not a PEFT LoRA weight of a Llama projection")
    }
}
