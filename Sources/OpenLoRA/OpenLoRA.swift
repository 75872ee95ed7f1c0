// OpenLoRA: the model runtime. Llama-architecture models from GGUF or Hugging Face
// safetensors, their forward pass with a key-value cache, sampling and generation over
// token ids. (LoRA adapters, multi-adapter batches and the scheduler come next; the seams
// they need are marked below.)
//
// What it owns
//   LlamaConfiguration   hyperparameters from GGUF `llama.*` metadata or config.json, with
//                        named limits; RopeScaling (none, linear, llama3, per-pair factors)
//   LlamaWeights         every weight, shape-checked; LlamaLayerWeights per block;
//                        LlamaTensorNames for the GGUF and Hugging Face naming schemes
//   LlamaModel           configuration + weights + a ComputeBackend; forward, generate
//   LlamaRunState        one sequence: its KeyValueCache and scratch buffers, allocated once
//   Sampler              greedy, temperature, top-k, top-p, repetition penalty, seeded by its
//                        own RandomSource (xoshiro256**)
//   GenerationOptions    maximum tokens, stop tokens, stop sequences (StopSequenceMatcher
//                        holds back tokens that may begin one); GenerationResult, StopReason
//   OpenLoRAError        every refusal: a kind and a sentence
//
// It imports ModelFiles (file formats) and Tensor (weights and kernels), nothing else of the
// project, and never branches on the backend: every operation goes through ComputeBackend.
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
// LoRA seam: a targeted projection is `backend.matrixProduct(W, h)`; an adapter adds
// s·B(A·h) to its output, and a multi-adapter batch shares the W product.
