/// Which elements of a head rotate together in rotary position embedding. Pair i turns by
/// position · inverseFrequency[i] in both layouts.
public enum RopeLayout: Sendable, Equatable {
    /// Pairs (2i, 2i + 1): ggml's normal rope mode, which llama.cpp uses for Llama after its
    /// converter has permuted the Q and K rows of the Hugging Face weights.
    case interleaved
    /// Pairs (i, i + headDimension / 2): Hugging Face's `rotate_half` (ggml's NeoX mode).
    case halves
}
