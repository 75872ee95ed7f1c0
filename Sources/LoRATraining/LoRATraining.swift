// LoRATraining: the differentiable side of the model runtime. A training forward pass over
// a Llama-architecture model that keeps the activations the backward pass needs, and the
// backward pass for LoRA factors only (the base stays frozen; quantized base weights stay
// quantized and are expanded tile by tile where a product needs their transpose).
//
// What it owns
//   TrainingSequence      token ids and the mask of target tokens (prompt tokens masked)
//   LossSum               a cross-entropy sum and its token count, combined exactly
//   TrainingObjective     the loss-and-gradient interface a trainer minimises
//   LoRAParameterLayout   where each module's A and B sit in the flat parameter vector
//                         (PEFT layout, Hugging Face row order), PEFT's initial values
//   LoRAGradientEngine    the LoRA TrainingObjective over a LlamaModel (+Forward, +Backward,
//                         +Projection, +OutputHead, +Checks); LoRATrainingError its refusals
//   internal kernels      MatrixMultiply (sgemm), TransposedProduct (dy·W on expanded tiles),
//                         CausalAttention (per-head sgemm, P recomputed in backward),
//                         RMSNormalization, SwiGLU, RotaryTable (RoPE and its inverse),
//                         DropoutMask (counter-based, regenerated in backward)
//   internal buffers      BufferPool, LayerActivations (kept per block), TrainingScratch,
//                         TrainingShape, ModuleFactors (one call's view of A and B)
//
// Data flow of one accumulateGradient call (n tokens, d width, V vocabulary):
//
//   tokens ─embed→ x₀ ─block 0→ x₁ … ─block L−1→ x_L ─norm→ rows i−1 of targets i
//        (each block keeps x, 1/RMS, RoPE'd q/k, v, attended,         │ 128 rows at a time
//         gate, up and A·dropout(x) per targeted projection)          ▼
//                                                                 logits [≤128, V] → CE
//   dA, dB ←LoRA branches─ block 0 ←…← block L−1 ←── ∂x_L ←─norm⁻¹─ softmax − one-hot
//
// It imports OpenLoRA (the model, its weights and LoRA types), Tensor (the kernels) and
// COpenBLAS (sgemm), nothing else of the project.
