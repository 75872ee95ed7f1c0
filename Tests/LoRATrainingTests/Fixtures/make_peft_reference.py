"""PyTorch + PEFT reference gradients for LoRATrainingTests.

Run from the repository root (needs torch, transformers, peft, safetensors, numpy):

    python Tests/LoRATrainingTests/Fixtures/make_peft_reference.py

It loads the committed tiny Hugging Face model Tests/OpenLoRATests/Fixtures/base-hf
(LlamaForCausalLM: 2 blocks, width 64, 4 query heads sharing 2 key-value heads), wraps it
with PEFT LoRA adapters (r=4, lora_alpha=8, target_modules="all-linear", lora_dropout=0;
one plain and one with use_rslora), sets every lora_A and lora_B to seeded nonzero values
(numpy PCG64, seeds below; float32 values), and computes in float64 the summed
cross-entropy of a fixed 16-token sequence whose first 5 tokens are a masked prompt
(labels -100, target i predicted from the logits at position i-1). It then backpropagates
and writes, for each adapter NAME:

    NAME/adapter_config.json, NAME/adapter_model.safetensors   (save_pretrained, float32)
    NAME-gradients.safetensors    d(loss)/d(lora_A), d(loss)/d(lora_B) under PEFT's tensor
                                  names, float32
    NAME-logits.safetensors       "logits" [16, vocabulary], float32: the model's logits with
                                  the adapter applied (computed in float64)
    base-logits.safetensors       the same without an adapter (transformers alone)
    expected.json                 the tokens, the target mask and each adapter's loss

Everything is deterministic: no randomness but the seeded generators, and float64 compute.
"""
import json
import os

import numpy as np
import torch
from peft import LoraConfig, get_peft_model
from safetensors.torch import save_file
from transformers import LlamaForCausalLM

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, "..", "..", "OpenLoRATests", "Fixtures", "base-hf")
TOKENS = [1, 17, 200, 3, 99, 45, 250, 7, 128, 64, 33, 2, 180, 90, 11, 5]
PROMPT_LENGTH = 5
CASES = {"peft-r4-all": (False, 11), "peft-r4-all-rslora": (True, 12)}


def build(use_rslora, seed):
    model = LlamaForCausalLM.from_pretrained(BASE, torch_dtype=torch.float32)
    config = LoraConfig(r=4, lora_alpha=8, target_modules="all-linear", lora_dropout=0.0,
                        use_rslora=use_rslora, task_type="CAUSAL_LM")
    model = get_peft_model(model, config)
    generator = np.random.Generator(np.random.PCG64(seed))
    with torch.no_grad():
        for name, parameter in sorted(model.named_parameters()):
            if "lora_A" in name or "lora_B" in name:
                bound = 0.3 if "lora_B" in name else 1 / np.sqrt(parameter.shape[1])
                values = generator.uniform(-bound, bound, size=tuple(parameter.shape)).astype(np.float32)
                parameter.copy_(torch.from_numpy(values))
    return model


def tidy(folder):
    """Drops PEFT's generated model card and the machine's path; sorts the resolved targets."""
    os.remove(os.path.join(folder, "README.md"))
    path = os.path.join(folder, "adapter_config.json")
    with open(path) as file:
        config = json.load(file)
    config["base_model_name_or_path"] = "base-hf"
    config["target_modules"] = sorted(config["target_modules"])  # PEFT writes a set's order
    with open(path, "w") as file:
        json.dump(config, file, indent=2, sort_keys=True)
        file.write("\n")


def loss_and_gradients(model):
    model = model.double()
    ids = torch.tensor([TOKENS])
    labels = ids.clone()
    labels[0, :PROMPT_LENGTH] = -100
    logits = model(input_ids=ids).logits
    loss = torch.nn.functional.cross_entropy(logits[0, :-1], labels[0, 1:], ignore_index=-100, reduction="sum")
    loss.backward()
    model.reference_logits = logits[0].detach().float().contiguous()
    gradients = {}
    for name, parameter in model.named_parameters():
        if parameter.requires_grad:
            key = name.replace(".default", "")
            gradients[key] = parameter.grad.detach().float().contiguous()
    return float(loss.item()), gradients


def main():
    torch.use_deterministic_algorithms(True)
    expected = {"tokens": TOKENS, "targetMask": [i >= PROMPT_LENGTH for i in range(len(TOKENS))], "losses": {}}
    for name, (use_rslora, seed) in CASES.items():
        model = build(use_rslora, seed)
        folder = os.path.join(HERE, name)
        model.save_pretrained(folder)
        tidy(folder)
        loss, gradients = loss_and_gradients(model)
        save_file(gradients, os.path.join(HERE, name + "-gradients.safetensors"))
        save_file({"logits": model.reference_logits}, os.path.join(HERE, name + "-logits.safetensors"))
        for path in (os.path.join(folder, "adapter_model.safetensors"), os.path.join(HERE, name + "-gradients.safetensors"),
                     os.path.join(HERE, name + "-logits.safetensors")):
            os.chmod(path, 0o644)
        expected["losses"][name] = loss
        print(name, "loss", loss, "tensors", len(gradients))
    base = LlamaForCausalLM.from_pretrained(BASE, torch_dtype=torch.float32).double()
    with torch.no_grad():
        base_logits = base(input_ids=torch.tensor([TOKENS])).logits[0].float().contiguous()
    save_file({"logits": base_logits}, os.path.join(HERE, "base-logits.safetensors"))
    os.chmod(os.path.join(HERE, "base-logits.safetensors"), 0o644)
    with open(os.path.join(HERE, "expected.json"), "w") as file:
        json.dump(expected, file, indent=1)
        file.write("\n")


if __name__ == "__main__":
    main()
