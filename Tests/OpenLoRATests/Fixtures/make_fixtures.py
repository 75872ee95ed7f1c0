#!/usr/bin/env python3
"""Generates the OpenLoRA and Tensor test fixtures with an independent reference.

Tiny random Llama models are written in the Hugging Face layout (config.json +
model.safetensors, by PyPI `safetensors`) and as GGUF (by PyPI `gguf`, gguf-py 0.19.0, with
the Q/K row permutation and the rope_freqs tensor that llama.cpp's convert_hf_to_gguf.py
writes, and its quantizers). Expected logits come from `reference_forward` below: a float64
numpy transcription of Hugging Face's LlamaForCausalLM (modeling_llama.py: LlamaRMSNorm,
LlamaRotaryEmbedding with the default / linear / llama3 rope initialisers, rotate_half,
repeat_kv, eager attention with a causal mask, LlamaMLP), run on the HF-layout weights. For a
quantized GGUF the reference runs on gguf-py's dequantization of the stored blocks, with the
Q/K permutation undone, so the comparison measures the Swift runtime, not the quantizer.
Nothing here is computed by the Swift code under test.

    python3 -m venv /tmp/venv-modelfiles
    /tmp/venv-modelfiles/bin/pip install gguf==0.19.0 numpy safetensors
    /tmp/venv-modelfiles/bin/python Tests/OpenLoRATests/Fixtures/make_fixtures.py

It also writes Tests/TensorTests/QuantizedDotVectors.swift: rows quantized by gguf-py and the
numpy (float64) dot products of their dequantized values with a vector.
"""
import json
import math
import os

import numpy as np
import gguf
from gguf import GGMLQuantizationType as Q
from safetensors import TensorSpec, serialize

HERE = os.path.dirname(os.path.abspath(__file__))
TENSOR_TESTS = os.path.join(HERE, "..", "..", "TensorTests")
RNG = np.random.default_rng(20250107)

# ---------------------------------------------------------------- models

BASE = dict(name="base", vocab=256, dim=64, layers=2, heads=4, kv_heads=2, ffn=160, context=64,
            eps=1e-5, theta=10000.0, tied=False, rope_scaling=None)
LLAMA3 = dict(name="llama3", vocab=128, dim=32, layers=2, heads=4, kv_heads=2, ffn=96, context=128,
              eps=1e-6, theta=10000.0, tied=True,
              rope_scaling={"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0,
                            "high_freq_factor": 4.0, "original_max_position_embeddings": 64})
LINEAR = dict(name="linear", vocab=128, dim=32, layers=1, heads=2, kv_heads=1, ffn=64, context=64,
              eps=1e-5, theta=500000.0, tied=False, rope_scaling={"type": "linear", "factor": 2.0})


def head_dim(c):
    return c["dim"] // c["heads"]


def random_weights(c):
    """HF-named float32 weights; matrices are [out_features, in_features]."""
    def matrix(rows, cols):
        return (RNG.standard_normal((rows, cols)) / math.sqrt(cols)).astype(np.float32)

    def norm(n):
        return (1.0 + 0.1 * RNG.standard_normal(n)).astype(np.float32)

    d, hd, f = c["dim"], head_dim(c), c["ffn"]
    w = {"model.embed_tokens.weight": RNG.standard_normal((c["vocab"], d)).astype(np.float32)}
    for i in range(c["layers"]):
        p = f"model.layers.{i}."
        w[p + "input_layernorm.weight"] = norm(d)
        w[p + "self_attn.q_proj.weight"] = matrix(c["heads"] * hd, d)
        w[p + "self_attn.k_proj.weight"] = matrix(c["kv_heads"] * hd, d)
        w[p + "self_attn.v_proj.weight"] = matrix(c["kv_heads"] * hd, d)
        w[p + "self_attn.o_proj.weight"] = matrix(d, c["heads"] * hd)
        w[p + "post_attention_layernorm.weight"] = norm(d)
        w[p + "mlp.gate_proj.weight"] = matrix(f, d)
        w[p + "mlp.up_proj.weight"] = matrix(f, d)
        w[p + "mlp.down_proj.weight"] = matrix(d, f)
    w["model.norm.weight"] = norm(d)
    if not c["tied"]:
        w["lm_head.weight"] = matrix(c["vocab"], d) * 4
    return w


def hf_config(c, dtype):
    config = {
        "architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": c["vocab"],
        "hidden_size": c["dim"], "intermediate_size": c["ffn"], "num_hidden_layers": c["layers"],
        "num_attention_heads": c["heads"], "num_key_value_heads": c["kv_heads"],
        "max_position_embeddings": c["context"], "rms_norm_eps": c["eps"], "rope_theta": c["theta"],
        "tie_word_embeddings": c["tied"], "hidden_act": "silu", "torch_dtype": dtype,
        "bos_token_id": 1, "eos_token_id": 2,
    }
    if c["rope_scaling"] is not None:
        config["rope_scaling"] = c["rope_scaling"]
    return config


# ---------------------------------------------------------------- reference (HF LlamaForCausalLM)

def inverse_frequencies(c):
    """LlamaRotaryEmbedding's inv_freq (rope_init_fn), computed in float32 as torch does."""
    dim = head_dim(c)
    exponents = (np.arange(0, dim, 2, dtype=np.int64).astype(np.float32) / np.float32(dim))
    inv_freq = (np.float32(1.0) / (np.float32(c["theta"]) ** exponents)).astype(np.float32)
    scaling = c["rope_scaling"]
    if scaling is None:
        return inv_freq.astype(np.float64)
    kind = scaling.get("rope_type", scaling.get("type"))
    if kind == "linear":
        return (inv_freq / np.float32(scaling["factor"])).astype(np.float64)
    assert kind == "llama3"
    factor, low, high = scaling["factor"], scaling["low_freq_factor"], scaling["high_freq_factor"]
    old = scaling["original_max_position_embeddings"]
    low_wavelen, high_wavelen = old / low, old / high
    wavelen = 2 * math.pi / inv_freq
    scaled = np.where(wavelen > low_wavelen, inv_freq / factor, inv_freq)
    smooth = (old / wavelen - low) / (high - low)
    smoothed = (1 - smooth) * scaled / factor + smooth * scaled
    medium = ~(wavelen < high_wavelen) & ~(wavelen > low_wavelen)
    return np.where(medium, smoothed, scaled).astype(np.float32).astype(np.float64)


def rms_norm(x, weight, eps):
    return weight * (x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps))


def rotate_half(x):
    half = x.shape[-1] // 2
    return np.concatenate([-x[..., half:], x[..., :half]], axis=-1)


def reference_forward(c, w, tokens):
    """Logits [len(tokens), vocab] for positions 0..<len(tokens), in float64."""
    w = {k: v.astype(np.float64) for k, v in w.items()}
    n, hd, heads, kv_heads = len(tokens), head_dim(c), c["heads"], c["kv_heads"]
    x = w["model.embed_tokens.weight"][np.array(tokens)]
    freqs = np.outer(np.arange(n, dtype=np.float64), inverse_frequencies(c))
    emb = np.concatenate([freqs, freqs], axis=-1)
    cos, sin = np.cos(emb), np.sin(emb)
    mask = np.triu(np.full((n, n), -np.inf), k=1)
    for i in range(c["layers"]):
        p = f"model.layers.{i}."
        h = rms_norm(x, w[p + "input_layernorm.weight"], c["eps"])
        q = (h @ w[p + "self_attn.q_proj.weight"].T).reshape(n, heads, hd).transpose(1, 0, 2)
        k = (h @ w[p + "self_attn.k_proj.weight"].T).reshape(n, kv_heads, hd).transpose(1, 0, 2)
        v = (h @ w[p + "self_attn.v_proj.weight"].T).reshape(n, kv_heads, hd).transpose(1, 0, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = np.repeat(k, heads // kv_heads, axis=0)  # repeat_kv
        v = np.repeat(v, heads // kv_heads, axis=0)
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(hd) + mask
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        scores /= scores.sum(axis=-1, keepdims=True)
        attention = (scores @ v).transpose(1, 0, 2).reshape(n, heads * hd)
        x = x + attention @ w[p + "self_attn.o_proj.weight"].T
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], c["eps"])
        gate = h @ w[p + "mlp.gate_proj.weight"].T
        up = h @ w[p + "mlp.up_proj.weight"].T
        x = x + (gate / (1 + np.exp(-gate)) * up) @ w[p + "mlp.down_proj.weight"].T
    x = rms_norm(x, w["model.norm.weight"], c["eps"])
    head = w["model.embed_tokens.weight"] if c["tied"] else w["lm_head.weight"]
    return x @ head.T


def reference_decode(c, w, tokens):
    """The same logits one position at a time (prefix recomputation), as a consistency check."""
    return np.stack([reference_forward(c, w, tokens[:end])[-1] for end in range(1, len(tokens) + 1)])


def greedy(c, w, prompt, count):
    tokens, margins = list(prompt), []
    for _ in range(count):
        logits = reference_forward(c, w, tokens)[-1]
        top = np.sort(logits)[-2:]
        margins.append(float(top[1] - top[0]))
        tokens.append(int(np.argmax(logits)))
    assert min(margins) > 1e-3, f"greedy margin too small for a stable fixture: {min(margins)}"
    return tokens[len(prompt):]


# ---------------------------------------------------------------- writers

def permute(weights, n_head, n_head_kv):
    """convert_hf_to_gguf.py LlamaModel.permute: HF rotate-half rows → interleaved pairs."""
    if n_head_kv is not None and n_head != n_head_kv:
        n_head = n_head_kv
    return (weights.reshape(n_head, 2, weights.shape[0] // n_head // 2, *weights.shape[1:])
            .swapaxes(1, 2).reshape(weights.shape))


def unpermute(weights, n_head):
    return (weights.reshape(n_head, weights.shape[0] // n_head // 2, 2, *weights.shape[1:])
            .swapaxes(1, 2).reshape(weights.shape))


GGUF_NAMES = {
    "input_layernorm": "attn_norm", "self_attn.q_proj": "attn_q", "self_attn.k_proj": "attn_k",
    "self_attn.v_proj": "attn_v", "self_attn.o_proj": "attn_output",
    "post_attention_layernorm": "ffn_norm", "mlp.gate_proj": "ffn_gate", "mlp.up_proj": "ffn_up",
    "mlp.down_proj": "ffn_down",
}


def gguf_name(hf):
    if hf == "model.embed_tokens.weight":
        return "token_embd.weight"
    if hf == "model.norm.weight":
        return "output_norm.weight"
    if hf == "lm_head.weight":
        return "output.weight"
    layer, rest = hf[len("model.layers."):].split(".", 1)
    return f"blk.{layer}.{GGUF_NAMES[rest[:-len('.weight')]]}.weight"


def rope_factors(c):
    """convert_hf_to_gguf.py LlamaModel.generate_extra_tensors: rope_freqs for llama3 scaling."""
    s, dim = c["rope_scaling"], head_dim(c)
    freqs = 1.0 / (np.float32(c["theta"]) ** (np.arange(0, dim, 2, dtype=np.float32) / np.float32(dim)))
    old = s["original_max_position_embeddings"]
    low_wavelen, high_wavelen = old / s["low_freq_factor"], old / s["high_freq_factor"]
    factors = []
    for freq in freqs:
        wavelen = 2 * math.pi / freq
        if wavelen < high_wavelen:
            factors.append(1)
        elif wavelen > low_wavelen:
            factors.append(s["factor"])
        else:
            smooth = (old / wavelen - s["low_freq_factor"]) / (s["high_freq_factor"] - s["low_freq_factor"])
            factors.append(1 / ((1 - smooth) / s["factor"] + smooth))
    return np.array(factors, dtype=np.float32)


def write_gguf(path, c, w, qtype):
    """Returns the weights as the file stores them, dequantized and un-permuted (HF layout)."""
    writer = gguf.GGUFWriter(path, "llama")
    writer.add_name(f"tiny-{c['name']}")
    writer.add_context_length(c["context"])
    writer.add_embedding_length(c["dim"])
    writer.add_block_count(c["layers"])
    writer.add_feed_forward_length(c["ffn"])
    writer.add_head_count(c["heads"])
    writer.add_head_count_kv(c["kv_heads"])
    writer.add_rope_freq_base(c["theta"])
    writer.add_layer_norm_rms_eps(c["eps"])
    writer.add_vocab_size(c["vocab"])
    writer.add_rope_dimension_count(head_dim(c))
    scaling = c["rope_scaling"]
    if scaling is not None and scaling.get("type") == "linear":
        writer.add_rope_scaling_type(gguf.RopeScalingType.LINEAR)
        writer.add_rope_scaling_factor(scaling["factor"])
    stored = {}
    for hf, array in w.items():
        data = array
        if "q_proj" in hf:
            data = permute(array, c["heads"], c["heads"])
        elif "k_proj" in hf:
            data = permute(array, c["heads"], c["kv_heads"])
        if data.ndim == 2 and qtype != Q.F32:
            raw = gguf.quants.quantize(data, qtype)
            writer.add_tensor(gguf_name(hf), raw, raw_dtype=qtype)
            back = gguf.quants.dequantize(raw, qtype).astype(np.float32)
        else:
            writer.add_tensor(gguf_name(hf), data)
            back = data
        if "q_proj" in hf:
            back = unpermute(back, c["heads"])
        elif "k_proj" in hf:
            back = unpermute(back, c["kv_heads"])
        stored[hf] = back
    if scaling is not None and scaling.get("rope_type") == "llama3":
        writer.add_tensor("rope_freqs.weight", rope_factors(c))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return stored


def write_hf(folder, c, w, dtype):
    """config.json and model.safetensors; F16/BF16 values must already be exact in that type."""
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(hf_config(c, {"F32": "float32", "F16": "float16", "BF16": "bfloat16"}[dtype]), f, indent=2)
    names = {"F32": "float32", "F16": "float16", "BF16": "bfloat16"}
    buffers, specs = {}, {}
    for name, array in w.items():
        if dtype == "F32":
            buffers[name] = np.ascontiguousarray(array, dtype=np.float32)
        elif dtype == "F16":
            buffers[name] = np.ascontiguousarray(array.astype(np.float16))
        else:
            buffers[name] = np.ascontiguousarray(to_bf16_bits(array))
        data = buffers[name]
        specs[name] = TensorSpec(dtype=names[dtype], shape=tuple(array.shape), data_ptr=data.ctypes.data,
                                 data_len=data.nbytes)
    with open(os.path.join(folder, "model.safetensors"), "wb") as f:
        f.write(bytes(serialize(specs, metadata={"format": "pt"})))


def to_bf16_bits(array):
    """bfloat16 bits, rounded to nearest even (the values are already bf16-exact here)."""
    bits = array.astype(np.float32).view(np.uint32).astype(np.uint64)
    return ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype(np.uint16)


def round_to(w, dtype):
    if dtype == "F16":
        return {k: v.astype(np.float16).astype(np.float32) for k, v in w.items()}
    return {k: (to_bf16_bits(v).astype(np.uint32) << 16).view(np.float32) for k, v in w.items()}


# ---------------------------------------------------------------- expected values

def floats(array):
    """float32 values, each written as the shortest decimal that reads back as the same float32."""
    return [float(str(np.float32(x))) for x in np.asarray(array).reshape(-1)]


def case(c, w, sequences, greedy_count):
    entry = {"sequences": []}
    for tokens in sequences:
        logits = reference_forward(c, w, tokens)
        decoded = reference_decode(c, w, tokens)
        assert np.max(np.abs(logits - decoded)) < 1e-9 * max(1.0, np.max(np.abs(logits)))
        entry["sequences"].append({"tokens": tokens, "logits": floats(logits)})
    entry["greedy"] = {"prompt": sequences[0], "tokens": greedy(c, w, sequences[0], greedy_count)}
    return entry


def make_models():
    expected = {}
    base = random_weights(BASE)
    sequences = [[int(t) for t in RNG.integers(0, BASE["vocab"], n)] for n in (9, 16)]
    write_hf(os.path.join(HERE, "base-hf"), BASE, base, "F32")
    stored = write_gguf(os.path.join(HERE, "base-f32.gguf"), BASE, base, Q.F32)
    assert all(np.array_equal(stored[k], base[k]) for k in base)
    expected["base"] = case(BASE, base, sequences, 8)
    for qtype in (Q.Q8_0, Q.Q4_0, Q.Q4_1):
        name = qtype.name.lower()
        stored = write_gguf(os.path.join(HERE, f"base-{name}.gguf"), BASE, base, qtype)
        expected[f"base-{name}"] = case(BASE, stored, sequences[:1], 4)

    # bfloat16 values that binary16 also holds exactly (no subnormals), so one reference serves both files
    llama3 = {k: np.where(np.abs(v) < 2.0 ** -14, 0, v).astype(np.float32)
              for k, v in round_to(random_weights(LLAMA3), "BF16").items()}
    sequences = [[int(t) for t in RNG.integers(0, LLAMA3["vocab"], n)] for n in (7, 20)]
    write_hf(os.path.join(HERE, "llama3-hf"), LLAMA3, llama3, "BF16")
    stored = write_gguf(os.path.join(HERE, "llama3-f16.gguf"), LLAMA3, llama3, Q.F16)
    assert all(np.array_equal(stored[k], llama3[k]) for k in llama3)
    expected["llama3"] = case(LLAMA3, llama3, sequences, 6)

    linear = round_to(random_weights(LINEAR), "F16")
    sequences = [[int(t) for t in RNG.integers(0, LINEAR["vocab"], n)] for n in (6, 12)]
    write_hf(os.path.join(HERE, "linear-hf"), LINEAR, linear, "F16")
    write_gguf(os.path.join(HERE, "linear-f32.gguf"), LINEAR, linear, Q.F32)
    expected["linear"] = case(LINEAR, linear, sequences, 6)
    expected["inverseFrequencies"] = {c["name"]: floats(inverse_frequencies(c)) for c in (BASE, LLAMA3, LINEAR)}
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, separators=(",", ":"))


# ---------------------------------------------------------------- quantized dot products

def swift_float(x):
    return str(np.float32(x))


def wrapped(items, per_line, indent):
    lines = [", ".join(items[i:i + per_line]) for i in range(0, len(items), per_line)]
    return (",\n" + " " * indent).join(lines)


def make_dot_vectors():
    length, rows = 96, 3
    x = RNG.standard_normal(length).astype(np.float32)
    lines = [
        "// Generated by Tests/OpenLoRATests/Fixtures/make_fixtures.py: rows quantized by gguf-py 0.19.0",
        "// and the numpy float64 dot products of their dequantized values with `input`. Do not edit.",
        "",
        "enum QuantizedDotVectors {",
        f"    static let rowLength = {length}",
        "    static let input: [Float] = [",
        "        " + wrapped([swift_float(v) for v in x], 8, 8) + ",",
        "    ]",
        "    /// (type name, rows, the bytes of every row as hex, the expected dot product of each row).",
        "    static let cases: [(type: String, rows: Int, hex: String, dots: [Double])] = [",
    ]
    for qtype in (Q.F16, Q.BF16, Q.Q8_0, Q.Q4_0, Q.Q4_1):
        values = (RNG.standard_normal((rows, length)) * 0.5).astype(np.float32)
        values[1, :32] *= 0  # an all-zero block
        raw = gguf.quants.quantize(values, qtype)
        dequantized = gguf.quants.dequantize(raw, qtype).astype(np.float64)
        dots = dequantized @ x.astype(np.float64)
        text = raw.tobytes().hex()
        pieces = ['"' + text[i:i + 96] + '"' for i in range(0, len(text), 96)]
        lines.append(f'        ("{qtype.name}", {rows},')
        lines.append("         " + "\n         + ".join(pieces) + ",")
        lines.append("         [" + ", ".join(repr(float(d)) for d in dots) + "]),")
    lines += ["    ]", "}", ""]
    with open(os.path.join(TENSOR_TESTS, "QuantizedDotVectors.swift"), "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    make_models()
    make_dot_vectors()
