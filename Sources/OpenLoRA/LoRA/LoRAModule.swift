/// One linear projection of one transformer block: where a LoRA adapter can apply.
public struct LoRAModule: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The block index.
    public let layer: Int
    /// The projection: query, key, value, attentionOutput, gate, up or down.
    public let role: LlamaLayerRole

    /// The seven projection roles, in the order a block runs them.
    public static let projectionRoles: [LlamaLayerRole] = [.query, .key, .value, .attentionOutput, .gate, .up, .down]

    /// A module; `role` must be a projection (programmer error otherwise).
    public init(layer: Int, role: LlamaLayerRole) {
        precondition(layer >= 0, "negative layer")
        precondition(Self.projectionRoles.contains(role), "\(role) is not a linear projection")
        self.layer = layer
        self.role = role
    }

    /// The module's name in Hugging Face's LlamaForCausalLM, as PEFT matches and saves it:
    /// `model.layers.3.self_attn.q_proj`.
    public var huggingFaceName: String { "model.layers.\(layer).\(role.huggingFaceName)" }

    /// The PEFT tensor name of the module's `lora_A` or `lora_B` weight.
    public func peftTensorName(_ part: LoRAWeightPart) -> String {
        "base_model.model.\(huggingFaceName).\(part.rawValue).weight"
    }

    /// The index of `role` in `projectionRoles`.
    var roleIndex: Int { Self.roleIndex(role) }

    /// The index of a projection role in `projectionRoles`.
    static func roleIndex(_ role: LlamaLayerRole) -> Int {
        switch role {
        case .query: 0
        case .key: 1
        case .value: 2
        case .attentionOutput: 3
        case .gate: 4
        case .up: 5
        case .down: 6
        case .attentionNorm, .feedForwardNorm: preconditionFailure("\(role) is not a projection")
        }
    }

    public var description: String { huggingFaceName }

    public static func < (left: LoRAModule, right: LoRAModule) -> Bool {
        (left.layer, left.roleIndex) < (right.layer, right.roleIndex)
    }
}

/// The two factors of a LoRA update: A ([r, in], applied first) and B ([out, r]).
public enum LoRAWeightPart: String, Sendable, CaseIterable {
    case a = "lora_A"
    case b = "lora_B"
}
