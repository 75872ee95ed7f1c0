"""PyTorch + PEFT reference for `oln-bench training`: LoRA training steps on CPU.

    python Scripts/bench-training-pytorch.py [--model FILE] [--threads N] [--tokens 256] [--rank 8] [--steps 3]

Needs torch, transformers, peft and gguf (pip install torch transformers peft gguf). It loads
the same GGUF file through transformers' `gguf_file=` support (which dequantizes it to
float32), wraps it with a PEFT LoRA adapter (rank r, lora_alpha 2r, target_modules
"all-linear", no dropout), and times forward + backward of the summed cross-entropy of one
sequence of seeded random tokens (every token after the first a target) with
torch.set_num_threads(N). Prints the best tokens/s of the timed steps after one warm-up step.
"""
import argparse
import os
import time

import numpy as np
import torch
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM


def main():
    cache = os.environ.get("OLN_CACHE_DIR") or os.path.expanduser("~/.cache/oln")
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=os.path.join(cache, "models", "SmolLM2-135M-Instruct.Q4_1.gguf"))
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--tokens", type=int, default=256)
    parser.add_argument("--rank", type=int, default=8)
    parser.add_argument("--steps", type=int, default=3)
    arguments = parser.parse_args()
    torch.set_num_threads(arguments.threads)
    torch.manual_seed(0)
    folder, name = os.path.split(arguments.model)
    model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=name, torch_dtype=torch.float32)
    config = LoraConfig(r=arguments.rank, lora_alpha=2 * arguments.rank, target_modules="all-linear",
                        lora_dropout=0.0, task_type="CAUSAL_LM")
    model = get_peft_model(model, config)
    model.train()
    generator = np.random.Generator(np.random.PCG64(2))
    ids = torch.from_numpy(generator.integers(0, model.config.vocab_size, arguments.tokens)).unsqueeze(0)
    best = 0.0
    for step in range(arguments.steps + 1):
        start = time.perf_counter()
        logits = model(input_ids=ids).logits
        loss = torch.nn.functional.cross_entropy(logits[0, :-1], ids[0, 1:], reduction="sum")
        loss.backward()
        rate = arguments.tokens / (time.perf_counter() - start)
        if step > 0:
            best = max(best, rate)
    print(f"pytorch+peft {torch.__version__} threads {arguments.threads}: forward+backward {best:.1f} tokens/s "
          f"(best of {arguments.steps} after a warm-up step; loss {loss.item() / (arguments.tokens - 1):.3f} "
          f"nats/token)")


if __name__ == "__main__":
    main()
