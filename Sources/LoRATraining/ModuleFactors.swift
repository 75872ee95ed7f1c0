/// One targeted projection's factors during one call: A read in place from the parameter
/// vector, B in the base model's row order (a permuted copy for q/k on an interleaved-RoPE
/// base, else read in place), and where their gradients go in the gradient vector.
struct ModuleFactors {
    /// A: [rank, inputs].
    let a: UnsafePointer<Float>
    /// B: [outputs, rank], rows in the model's order.
    let b: UnsafePointer<Float>
    /// The first index of A and of B in the parameter (and gradient) vector.
    let aOffset: Int, bOffset: Int
    /// Input and output features.
    let inputs: Int, outputs: Int
    /// The RoPE head dimension whose row permutation B's gradient must be undone by; nil when
    /// B's rows are in Hugging Face order already.
    let permutedHeadDimension: Int?
    /// Which dropout stream the branch draws from: layer · 7 + role index (7 projections per block).
    let dropoutStream: UInt64
}
