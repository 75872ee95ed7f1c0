// Tensor: the compute layer of the OpenLoRA runtime. Float activations, weight matrices that
// stay in their file's format (F32, F16, BF16, Q8_0, Q4_0, Q4_1), the kernels a transformer
// decoder needs, and the seam behind which they run.
//
// What it owns
//   FloatTensor        a contiguous row-major Float buffer with a shape (public results, tests)
//   WeightMatrix       rows × columns of weights in a ggml type, in place in a mapped file or
//                      owned; row dot products and dequantization of row ranges
//   RowDot             SIMD dot products of one stored row with a Float vector, per type
//   QuantizedVector    a Float vector quantized to 8 bits per 32-element block (Q8 inputs)
//   BlockDot           integer dot products of a Q8_0/Q4_0/Q4_1 row with a QuantizedVector,
//                      the kernels of decoding products (one token, or tokenwise batches)
//   InputLayout        the order each row dot product reads its vector in (F16/BF16: evens, odds)
//   HalfFloat          binary16 → Float, scalar and 4 lanes at a time, exact, no F16C needed
//   ComputeBackend     the operations model code calls: matrix products (many tokens, one
//                      token), RMSNorm, RoPE, softmax, SiLU·mul, residual add, attention
//   AttentionShape     the sizes and positions one attention call covers
//   RopeLayout         which elements rotate together: interleaved pairs or the two halves
//   CPUBackend         the implementation on this machine's cores, with OpenBLAS for f32
//   RowPartition       contiguous row chunks, one per thread
//   WorkerPool         threads kept between products that claim chunks from an atomic word
//   BLAS               the cblas_sgemm / cblas_sgemv calls and OpenBLAS's thread count
//   TensorError        refusals: a kind and a sentence
//
// It imports COpenBLAS (cblas.h), ModelFiles (TensorView, GGMLType, the dequantizers and
// quantizers), Dispatch, Synchronization (the pool's atomics) and Glibc (math, pthreads). It knows nothing of models: model code
// (OpenLoRA) passes buffers and weights and never branches on the backend, so a GPU backend
// loaded at run time can conform to ComputeBackend later without model changes.
//
// Conventions
//   A weight matrix is [rows = output features, columns = input features], a row contiguous,
//   as ggml stores it (TensorView.dimensions [columns, rows]) and as a Hugging Face
//   nn.Linear's weight is. Activations for n tokens are [n, features], a token's features
//   contiguous. A matrix product writes output[t, r] = Σc weight[r, c] · input[t, c].
//
// Determinism: every output element is reduced by one thread in a fixed order (SIMD lanes
// in fixed accumulators, summed in lane order), so kernel results do not depend on the
// number of threads or on scheduling. One-token and tokenwise products with Q8_0, Q4_0 and
// Q4_1 matrices quantize each token's input to 8 bits first (as llama.cpp does); a token's
// outputs are then the same whether it is multiplied alone or in a tokenwise batch. OpenBLAS products are deterministic for a given
// OpenBLAS thread count, which CPUBackend sets.
//
// Block layouts read by the row dot products (little-endian; d, m: binary16; 32 elements):
//
//     Q8_0  d ‖ int8 q[32]               x[j] = q[j]·d
//     Q4_0  d ‖ byte qs[16]              x[j] = ((qs[j] & 0xf) − 8)·d,  x[j+16] = ((qs[j] >> 4) − 8)·d
//     Q4_1  d ‖ m ‖ byte qs[16]          x[j] = (qs[j] & 0xf)·d + m,    x[j+16] = (qs[j] >> 4)·d + m
//     F16   binary16 per element         BF16  the high 16 bits of a Float per element
