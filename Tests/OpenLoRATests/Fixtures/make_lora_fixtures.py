#!/usr/bin/env python3
"""Generates the LoRA fixtures: small random PEFT adapters for the tiny models of
make_fixtures.py, and the logits a reference computes with each adapter applied.

PEFT itself (PyPI `peft`) requires torch, whose wheels are gigabytes, so this script does
what PEFT does with numpy, json and PyPI `safetensors`, transcribed from peft 0.21.2:

- `adapter_config.json` as `PeftConfig.save_pretrained` writes it (`json.dumps(indent=2,
  sort_keys=True)` of `LoraConfig.to_dict()`);
- `adapter_model.safetensors` as `PeftModel.save_pretrained` writes it: the state dict of
  `get_peft_model_state_dict` (`base_model.model.<module>.lora_A.weight` [r, in] and
  `.lora_B.weight` [out, r]) saved with metadata {"format": "pt"};
- target selection as `check_target_module_exists` (tuners_utils.py): a string is
  `re.fullmatch`ed against each module name of the base model (or is "all-linear": every
  nn.Linear but the output layer), a list entry matches a name equal to it or ending in
  "." + entry, `exclude_modules` likewise;
- the adapted projection as `lora.Linear.forward` (lora/layer.py): `base(x) +
  lora_B(lora_A(dropout(x))) * scaling` with scaling = lora_alpha / r, or lora_alpha / sqrt(r)
  with use_rslora (dropout is the identity at inference).

The reference forward pass is make_fixtures.py's float64 transcription of Hugging Face's
LlamaForCausalLM with that projection hook; with no adapter it must equal make_fixtures'
reference_forward. Quantized GGUF bases are compared against the reference run on gguf-py's
dequantization of their blocks, as in make_fixtures.py.

    /tmp/venv-modelfiles/bin/python Tests/OpenLoRATests/Fixtures/make_lora_fixtures.py
    /tmp/venv-modelfiles/bin/python Tests/OpenLoRATests/Fixtures/make_lora_fixtures.py --check DIR [MODEL]

`--check` runs the PEFT layout check below on an adapter folder (for the Swift writer's
output); MODEL is base (default) or llama3.
"""
import json
import math
import os
import re
import sys

import numpy as np
import gguf
from safetensors import TensorSpec, serialize


import make_fixtures as mf

HERE = os.path.dirname(os.path.abspath(__file__))
LORA = os.path.join(HERE, "lora")
RNG = np.random.default_rng(20250214)

LINEAR_MODULES = ["self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
                  "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj"]
MODELS = {"base": mf.BASE, "llama3": mf.LLAMA3}


# ---------------------------------------------------------------- reading safetensors

def read_safetensors(path):
    """(metadata, {name: (dtype, float32 array)}) of a safetensors file. PyPI safetensors'
    numpy loader has no bfloat16, so this reads the header and data itself."""
    with open(path, "rb") as f:
        data = f.read()
    length = int.from_bytes(data[:8], "little")
    header = json.loads(data[8:8 + length])
    metadata = header.pop("__metadata__", {})
    start, tensors = 8 + length, {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        raw = data[start + begin:start + end]
        if info["dtype"] == "BF16":
            values = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            values = np.frombuffer(raw, dtype={"F32": "<f4", "F16": "<f2"}[info["dtype"]]).astype(np.float32)
        tensors[name] = (info["dtype"], values.reshape(info["shape"]))
    return metadata, tensors


def load_file(path):
    return {name: array for name, (_, array) in read_safetensors(path)[1].items()}


# ---------------------------------------------------------------- the base model's modules

def module_names(c):
    """LlamaForCausalLM.named_modules() without the root, and which of them are nn.Linear."""
    names = [("model", False), ("model.embed_tokens", False), ("model.layers", False)]
    for i in range(c["layers"]):
        p = f"model.layers.{i}"
        names += [(p, False), (p + ".self_attn", False)]
        names += [(f"{p}.self_attn.{m}_proj", True) for m in "qkvo"]
        names += [(p + ".mlp", False)] + [(f"{p}.mlp.{m}_proj", True) for m in ("gate", "up", "down")]
        names += [(p + ".mlp.act_fn", False), (p + ".input_layernorm", False),
                  (p + ".post_attention_layernorm", False)]
    return names + [("model.norm", False), ("model.rotary_emb", False), ("lm_head", True)]


def matches(selection, key):
    """check_target_module_exists / exclude_modules matching."""
    if isinstance(selection, str):
        return re.fullmatch(selection, key) is not None
    return key in selection or any(key.endswith("." + entry) for entry in selection)


def targeted_modules(c, config):
    """The module names PEFT wraps with LoRA layers, in model order."""
    targets, excluded = config["target_modules"], config.get("exclude_modules")
    chosen = []
    for key, is_linear in module_names(c):
        if excluded and matches(excluded, key):
            continue
        if isinstance(targets, str) and targets.lower() == "all-linear":
            hit = is_linear and key != "lm_head"
        else:
            hit = matches(targets, key)
        if hit:
            assert is_linear and key != "lm_head", f"{key} is not a supported target"
            chosen.append(key)
    assert chosen, "target_modules matches nothing"
    return chosen


def projection_shape(c, module):
    """(out_features, in_features) of a linear projection."""
    d, q, kv, f = c["dim"], c["heads"] * mf.head_dim(c), c["kv_heads"] * mf.head_dim(c), c["ffn"]
    kind = module.rsplit(".", 1)[1]
    return {"q_proj": (q, d), "k_proj": (kv, d), "v_proj": (kv, d), "o_proj": (d, q),
            "gate_proj": (f, d), "up_proj": (f, d), "down_proj": (d, f)}[kind]


def scaling(config):
    if config.get("use_rslora"):
        return config["lora_alpha"] / math.sqrt(config["r"])
    return config["lora_alpha"] / config["r"]


# ---------------------------------------------------------------- writing adapters

def peft_config(r, alpha, targets, rslora=False, exclude=None, base="tiny-base"):
    """LoraConfig.to_dict() for an inference-ready adapter (the fields peft 0.21 writes)."""
    return {
        "alpha_pattern": {}, "auto_mapping": None, "base_model_name_or_path": base, "bias": "none",
        "corda_config": None, "eva_config": None, "exclude_modules": exclude, "fan_in_fan_out": False,
        "inference_mode": True, "init_lora_weights": True, "layer_replication": None, "layers_pattern": None,
        "layers_to_transform": None, "loftq_config": {}, "lora_alpha": alpha, "lora_bias": False,
        "lora_dropout": 0.05, "megatron_config": None, "megatron_core": "megatron.core", "modules_to_save": None,
        "peft_type": "LORA", "r": r, "rank_pattern": {}, "revision": None, "target_modules": targets,
        "target_parameters": None, "task_type": "CAUSAL_LM", "trainable_token_indices": None,
        "use_dora": False, "use_rslora": rslora,
    }


def random_adapter(c, config):
    """{module: (A [r, in], B [out, r])} in float32, B non-zero so the adapter matters."""
    r, tensors = config["r"], {}
    for module in targeted_modules(c, config):
        out_features, in_features = projection_shape(c, module)
        a = (RNG.standard_normal((r, in_features)) / math.sqrt(in_features)).astype(np.float32)
        b = (RNG.standard_normal((out_features, r)) * 0.15 / math.sqrt(r)).astype(np.float32)
        tensors[module] = (a, b)
    return tensors


def write_adapter(folder, config, tensors, dtype):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "adapter_config.json"), "w") as f:
        f.write(json.dumps(config, indent=2, sort_keys=True))
    buffers, specs = {}, {}
    for module, (a, b) in tensors.items():
        for part, array in (("lora_A", a), ("lora_B", b)):
            name = f"base_model.model.{module}.{part}.weight"
            data = np.ascontiguousarray(array if dtype == "F32" else mf.to_bf16_bits(array))
            buffers[name] = data
            specs[name] = TensorSpec(dtype={"F32": "float32", "BF16": "bfloat16"}[dtype], shape=tuple(array.shape),
                                     data_ptr=data.ctypes.data, data_len=data.nbytes)
    with open(os.path.join(folder, "adapter_model.safetensors"), "wb") as f:
        f.write(bytes(serialize(specs, metadata={"format": "pt"})))


# ---------------------------------------------------------------- the PEFT layout check

TENSOR_NAME = re.compile(r"base_model\.model\.(model\.layers\.\d+\.(?:self_attn|mlp)\.[a-z]+_proj)\.lora_([AB])\.weight")


def check_peft_layout(folder, c):
    """What PeftModel.from_pretrained needs of an adapter folder for a LlamaForCausalLM:
    a LoRA config it can build a LoraConfig from, and a state dict whose keys are exactly the
    lora_A / lora_B weights of the targeted modules, with the shapes their layers have."""
    with open(os.path.join(folder, "adapter_config.json")) as f:
        config = json.load(f)
    assert config.get("peft_type", "LORA") == "LORA", "not a LoRA adapter"
    assert isinstance(config["r"], int) and config["r"] > 0, "r must be a positive integer"
    assert isinstance(config["lora_alpha"], (int, float)), "lora_alpha must be a number"
    assert isinstance(config["target_modules"], (str, list)), "target_modules must be a list or a string"
    assert config.get("bias", "none") == "none" and not config.get("use_dora") and not config.get("fan_in_fan_out")
    for field in ("modules_to_save", "rank_pattern", "alpha_pattern", "layers_to_transform"):
        assert not config.get(field), f"{field} must be empty"
    metadata, tensors = read_safetensors(os.path.join(folder, "adapter_model.safetensors"))
    assert metadata == {"format": "pt"}, f"metadata {metadata}"
    expected = set()
    for module in targeted_modules(c, config):
        out_features, in_features = projection_shape(c, module)
        expected.add((f"base_model.model.{module}.lora_A.weight", (config["r"], in_features)))
        expected.add((f"base_model.model.{module}.lora_B.weight", (out_features, config["r"])))
    found = set()
    for name, (dtype, array) in tensors.items():
        assert TENSOR_NAME.fullmatch(name), f"{name} is not a PEFT LoRA tensor name"
        assert dtype in ("F32", "F16", "BF16"), f"{name} is {dtype}"
        found.add((name, tuple(array.shape)))
    assert found == expected, f"tensors differ: missing {expected - found}, unexpected {found - expected}"
    return config, tensors


# ---------------------------------------------------------------- the reference with LoRA

def lora_forward(c, w, tokens, adapter=None, scale=0.0):
    """make_fixtures.reference_forward with each projection as peft's lora.Linear.forward."""
    w = {k: v.astype(np.float64) for k, v in w.items()}
    adapter = {m: (a.astype(np.float64), b.astype(np.float64)) for m, (a, b) in (adapter or {}).items()}

    def linear(module, h):
        y = h @ w[module + ".weight"].T
        if module in adapter:
            a, b = adapter[module]
            y = y + ((h @ a.T) @ b.T) * scale
        return y

    n, hd, heads, kv_heads = len(tokens), mf.head_dim(c), c["heads"], c["kv_heads"]
    x = w["model.embed_tokens.weight"][np.array(tokens)]
    freqs = np.outer(np.arange(n, dtype=np.float64), mf.inverse_frequencies(c))
    emb = np.concatenate([freqs, freqs], axis=-1)
    cos, sin = np.cos(emb), np.sin(emb)
    mask = np.triu(np.full((n, n), -np.inf), k=1)
    for i in range(c["layers"]):
        p = f"model.layers.{i}."
        h = mf.rms_norm(x, w[p + "input_layernorm.weight"], c["eps"])
        q = linear(p + "self_attn.q_proj", h).reshape(n, heads, hd).transpose(1, 0, 2)
        k = linear(p + "self_attn.k_proj", h).reshape(n, kv_heads, hd).transpose(1, 0, 2)
        v = linear(p + "self_attn.v_proj", h).reshape(n, kv_heads, hd).transpose(1, 0, 2)
        q = q * cos + mf.rotate_half(q) * sin
        k = k * cos + mf.rotate_half(k) * sin
        k = np.repeat(k, heads // kv_heads, axis=0)
        v = np.repeat(v, heads // kv_heads, axis=0)
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(hd) + mask
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        scores /= scores.sum(axis=-1, keepdims=True)
        attention = (scores @ v).transpose(1, 0, 2).reshape(n, heads * hd)
        x = x + linear(p + "self_attn.o_proj", attention)
        h = mf.rms_norm(x, w[p + "post_attention_layernorm.weight"], c["eps"])
        gate = linear(p + "mlp.gate_proj", h)
        up = linear(p + "mlp.up_proj", h)
        x = x + linear(p + "mlp.down_proj", gate / (1 + np.exp(-gate)) * up)
    x = mf.rms_norm(x, w["model.norm.weight"], c["eps"])
    head = w["model.embed_tokens.weight"] if c["tied"] else w["lm_head.weight"]
    return x @ head.T


def gguf_weights(path, c):
    """The weights a GGUF file stores, dequantized by gguf-py and un-permuted to HF order."""
    names = {mf.gguf_name(hf): hf for hf in load_file(os.path.join(HERE, f"{c['name']}-hf", "model.safetensors"))}
    stored = {}
    for tensor in gguf.GGUFReader(path).tensors:
        if tensor.name not in names:
            continue
        hf = names[tensor.name]
        shape = tuple(reversed([int(d) for d in tensor.shape]))
        values = gguf.quants.dequantize(tensor.data, tensor.tensor_type).astype(np.float32).reshape(shape)
        if "q_proj" in hf:
            values = mf.unpermute(values, c["heads"])
        elif "k_proj" in hf:
            values = mf.unpermute(values, c["kv_heads"])
        stored[hf] = values
    return stored


def read_bf16_exact(tensors):
    """Adapter values as a BF16 file holds them."""
    return {m: tuple((mf.to_bf16_bits(x).astype(np.uint32) << 16).view(np.float32) for x in pair)
            for m, pair in tensors.items()}


# ---------------------------------------------------------------- fixtures

ADAPTERS = [
    # (folder, model, config, dtype)
    ("base-r4-qv", "base", peft_config(4, 8, ["q_proj", "v_proj"]), "F32"),
    ("base-r8-all", "base", peft_config(8, 16, "all-linear"), "F32"),
    ("base-r4-regex", "base",
     peft_config(4, 4, r"model\.layers\.1\.(self_attn\.(k|o)_proj|mlp\.down_proj)"), "F32"),
    ("base-r8-rslora", "base",
     peft_config(8, 8, ["q_proj", "k_proj", "gate_proj", "up_proj"], rslora=True), "BF16"),
    ("llama3-r4-all", "llama3",
     peft_config(4, 8, "all-linear", exclude=["model.layers.0.mlp.up_proj"], base="tiny-llama3"), "F32"),
]

# (case name, adapter folder, base files the reference applies to, weights: "hf" or a GGUF file)
CASES = [
    ("base-r4-qv", "base-r4-qv", "hf"),
    ("base-r8-all", "base-r8-all", "hf"),
    ("base-r4-regex", "base-r4-regex", "hf"),
    ("base-r8-rslora", "base-r8-rslora", "hf"),
    ("llama3-r4-all", "llama3-r4-all", "hf"),
    ("base-q8_0-r8-all", "base-r8-all", "base-q8_0.gguf"),
]


def main():
    base_tokens = {"base": [17, 200, 3, 91, 255, 0, 42, 128, 77],
                   "llama3": [5, 127, 64, 9, 33, 100, 2]}
    weights = {name: load_file(os.path.join(HERE, f"{name}-hf", "model.safetensors")) for name in MODELS}
    for name, c in MODELS.items():
        plain = lora_forward(c, weights[name], base_tokens[name])
        assert np.max(np.abs(plain - mf.reference_forward(c, weights[name], base_tokens[name]))) < 1e-12
    adapters = {}
    for folder, model, config, dtype in ADAPTERS:
        c = MODELS[model]
        tensors = random_adapter(c, config)
        write_adapter(os.path.join(LORA, folder), config, tensors, dtype)
        check_peft_layout(os.path.join(LORA, folder), c)
        adapters[folder] = (model, config, read_bf16_exact(tensors) if dtype == "BF16" else tensors)
    expected = {}
    for case, folder, source in CASES:
        model, config, tensors = adapters[folder]
        c = MODELS[model]
        w = weights[model] if source == "hf" else gguf_weights(os.path.join(HERE, source), c)
        tokens = base_tokens[model]
        logits = lora_forward(c, w, tokens, tensors, scaling(config))
        plain = lora_forward(c, w, tokens)
        change = np.max(np.abs(logits - plain)) / max(1.0, np.max(np.abs(plain)))
        assert change > 1e-2, f"{case}: the adapter barely changes the logits ({change})"
        expected[case] = {"adapter": folder, "model": model, "base": source, "scale": scaling(config),
                          "targets": targeted_modules(c, config), "tokens": tokens, "logits": mf.floats(logits)}
    with open(os.path.join(LORA, "expected.json"), "w") as f:
        json.dump(expected, f, separators=(",", ":"))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--check":
        model = sys.argv[3] if len(sys.argv) > 3 else "base"
        config, tensors = check_peft_layout(sys.argv[2], MODELS[model])
        print(f"PEFT layout OK: r={config['r']}, {len(tensors)} tensors, targets {config['target_modules']}")
    else:
        main()
