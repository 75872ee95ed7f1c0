/// The tensor names of a Llama model in one file layout.
public struct LlamaTensorNames: Sendable {
    /// The token embedding matrix.
    public let tokenEmbedding: String
    /// The final norm weight.
    public let outputNorm: String
    /// The output projection (absent when embeddings are tied).
    public let output: String
    /// The name of a block's weight: (block index, role) → name.
    public let layer: @Sendable (Int, LlamaLayerRole) -> String

    /// GGUF names, as llama.cpp's converter writes them.
    public static let gguf = LlamaTensorNames(
        tokenEmbedding: "token_embd.weight", outputNorm: "output_norm.weight", output: "output.weight",
        layer: { index, role in "blk.\(index).\(role.ggufName).weight" })

    /// Hugging Face LlamaForCausalLM names.
    public static let huggingFace = LlamaTensorNames(
        tokenEmbedding: "model.embed_tokens.weight", outputNorm: "model.norm.weight", output: "lm_head.weight",
        layer: { index, role in "model.layers.\(index).\(role.huggingFaceName).weight" })
}

/// The weights of a transformer block, by role.
public enum LlamaLayerRole: String, Sendable, CaseIterable {
    case attentionNorm, query, key, value, attentionOutput, feedForwardNorm, gate, up, down

    /// The role's part of a GGUF tensor name.
    var ggufName: String {
        switch self {
        case .attentionNorm: "attn_norm"
        case .query: "attn_q"
        case .key: "attn_k"
        case .value: "attn_v"
        case .attentionOutput: "attn_output"
        case .feedForwardNorm: "ffn_norm"
        case .gate: "ffn_gate"
        case .up: "ffn_up"
        case .down: "ffn_down"
        }
    }

    /// The role's part of a Hugging Face tensor name.
    var huggingFaceName: String {
        switch self {
        case .attentionNorm: "input_layernorm"
        case .query: "self_attn.q_proj"
        case .key: "self_attn.k_proj"
        case .value: "self_attn.v_proj"
        case .attentionOutput: "self_attn.o_proj"
        case .feedForwardNorm: "post_attention_layernorm"
        case .gate: "mlp.gate_proj"
        case .up: "mlp.up_proj"
        case .down: "mlp.down_proj"
        }
    }
}
