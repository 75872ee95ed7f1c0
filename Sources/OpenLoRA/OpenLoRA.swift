// OpenLoRA: the model runtime. Llama-architecture models from GGUF or Hugging Face
// safetensors, their forward pass with a key-value cache, sampling and generation over
// token ids, and PEFT LoRA adapters: loaded, applied one per request or many per batch,
// cached under a byte budget, merged, and written back; and a scheduler that serves
// concurrent requests with continuous batching of decode steps.
//
// What it owns
//   LlamaConfiguration   hyperparameters from GGUF `llama.*` metadata or config.json, with
//                        named limits; RopeScaling (none, linear, llama3, per-pair factors)
//   LlamaWeights         every weight, shape-checked; LlamaLayerWeights per block;
//                        LlamaTensorNames for the GGUF and Hugging Face naming schemes
//   LlamaModel           configuration + weights + a ComputeBackend; forward, generate,
//                        decodeBatch (one token per request, an adapter per request), merging
//   LlamaRunState        one sequence: its KeyValueCache and scratch buffers, allocated once;
//                        LlamaBatchWorkspace: the scratch of a decode batch
//   Sampler              greedy, temperature, top-k, top-p, repetition penalty, seeded by its
//                        own RandomSource (xoshiro256**)
//   GenerationOptions    maximum tokens, stop tokens, stop sequences (StopSequenceMatcher
//                        holds back tokens that may begin one); GenerationResult, StopReason
//   LoRA/                LoRAAdapterConfiguration (adapter_config.json, LoRAModuleSelection:
//                        a list, a regex or "all-linear"), LoRAAdapter (factors per
//                        LoRAModule, read from and written to PEFT's layout), AdapterCache +
//                        AdapterLease (LRU under a byte budget, reference counted)
//   Serving/             BatchScheduler: a bounded queue of GenerationRequests (prompt, options,
//                        adapter or AdapterLease), prefilled at step boundaries into the batch
//                        that decodeBatch advances one token per request per step; streaming
//                        and completion callbacks; SchedulerLimits, SchedulerRefusal
//   OpenLoRAError        every refusal: a kind and a sentence
//
// It imports ModelFiles (file formats) and Tensor (weights and kernels), nothing else of the
// project (of the system: Glibc to write adapter folders, Synchronization for the adapter
// cache's and the scheduler's locks, Dispatch for the scheduler's wake-up semaphore), and
// never branches on the backend: every operation goes through
// ComputeBackend.
//
// Layout (llama2.c / llm.c): configuration → weights (a shape comment on every field) →
// run state allocated once → forward. The forward pass for n tokens at positions p…p+n−1:
//
//   x = embedding rows of the tokens                                       [n, d]
//   per block:  h = rmsnorm(x)·w_attn_norm
//               q = h·Wqᵀ, k = h·Wkᵀ, v = h·Wvᵀ; RoPE on q and k              [n, q], [n, kv]
//               cache[p…p+n−1] = k, v; a = causal GQA attention over the cache
//               x += a·Woᵀ
//               h = rmsnorm(x)·w_ffn_norm;  x += (silu(h·Wgateᵀ) ⊙ h·Wupᵀ)·Wdownᵀ
//   logits = rmsnorm(x_last)·w_out_norm · Woutᵀ   (Wout = embedding when tied)   [V]
//
// RoPE layout. Hugging Face rotates the two halves of each head (`rotate_half`). llama.cpp's
// converter permutes the rows of Wq and Wk so that ggml's interleaved rotation of pairs
// (2i, 2i+1) computes the same thing; GGUF weights are therefore used with the interleaved
// layout and safetensors weights with the halves layout (LlamaConfiguration.ropeLayout), and
// the keys in the cache stay in the file's order (attention scores are invariant under the
// shared permutation). llama3 scaling arrives as config.json parameters or as GGUF's
// `rope_freqs.weight` per-pair divisors; both give the same inverse frequencies.
//
// LoRA. A targeted projection computes y = W·h + s·B(A·h), s = α/r (α/√r with rsLoRA): the
// base product is unchanged and the update is two thin products through the same backend.
// In a decode batch the W product runs once for every request, then each adapter's rows
// are gathered, multiplied by its A and B, and added back (SGMV-style). A GGUF base has
// its q/k rows permuted (above), so an adapter loaded for it has B's q/k rows permuted the
// same way; files are always written in PEFT's (Hugging Face's) order.
//
//   adapter_model.safetensors (PEFT)       base_model.model.model.layers.N.self_attn.q_proj
//                                          .lora_A.weight [r, in]   .lora_B.weight [out, r]
//   h [n, in] ──A──▶ [n, r] ·s ──B──▶ [n, out] ──+──▶ y = W·h (+ update)
