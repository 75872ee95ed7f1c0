/// The operations a transformer decoder's forward pass is made of. Model code calls only
/// these (and `WeightMatrix.dequantizeRows` for embedding lookups), so another backend (a GPU
/// one loaded at run time) can take the CPU's place without changes to model code.
///
/// Buffers are host memory the caller allocated once and owns; a backend may mirror weights
/// elsewhere (a `WeightMatrix` is immutable, and copies of one share its storage). Activations
/// for n tokens are token-major: [n, width]. Every operation finishes before it returns.
/// Implementations must be deterministic: the same inputs give bit-identical outputs.
public protocol ComputeBackend: Sendable {
    /// A short name for logs and benchmarks.
    var name: String { get }

    /// output[t, r] = Σc weight[r, c] · input[t, c] for t < tokenCount; input is
    /// [tokenCount, weight.columnCount], output [tokenCount, weight.rowCount].
    func matrixProduct(_ weight: WeightMatrix, _ input: UnsafeBufferPointer<Float>, tokenCount: Int,
                       into output: UnsafeMutableBufferPointer<Float>)

    /// The product of `matrixProduct` for tokens that are independent requests (a batched
    /// decoding step): row t of the output equals `matrixVectorProduct` of input row t bit for
    /// bit, so a request's tokens do not depend on what it was batched with.
    func tokenwiseProduct(_ weight: WeightMatrix, _ input: UnsafeBufferPointer<Float>, tokenCount: Int,
                          into output: UnsafeMutableBufferPointer<Float>)

    /// output[r] = Σc weight[r, c] · input[c]: the one-token product decoding is made of.
    func matrixVectorProduct(_ weight: WeightMatrix, _ input: UnsafeBufferPointer<Float>,
                             into output: UnsafeMutableBufferPointer<Float>)

    /// Each row of `input` ([rows, weight.count]) divided by its root mean square
    /// (√(mean(x²) + epsilon)) and multiplied elementwise by `weight`, into `output`.
    func rmsNormalize(_ input: UnsafeBufferPointer<Float>, weight: UnsafeBufferPointer<Float>, epsilon: Float,
                      into output: UnsafeMutableBufferPointer<Float>)

    /// Rotates `values` ([tokenCount, headCount · headDimension]) in place: token t is at
    /// position startPosition + t, and its pair i of every head turns by position ·
    /// inverseFrequencies[i] (headDimension / 2 frequencies), pairs chosen by `layout`.
    func applyRope(_ values: UnsafeMutableBufferPointer<Float>, tokenCount: Int, startPosition: Int, headCount: Int,
                   headDimension: Int, inverseFrequencies: UnsafeBufferPointer<Float>, layout: RopeLayout)

    /// Replaces each row of `values` ([rows, rowLength]) by its softmax.
    func softmax(_ values: UnsafeMutableBufferPointer<Float>, rowLength: Int)

    /// gate[i] = silu(gate[i]) · up[i], silu(x) = x / (1 + e^−x): SwiGLU's activation.
    func siluMultiply(_ gate: UnsafeMutableBufferPointer<Float>, by up: UnsafeBufferPointer<Float>)

    /// accumulator[i] += addend[i]: a residual connection.
    func add(_ addend: UnsafeBufferPointer<Float>, to accumulator: UnsafeMutableBufferPointer<Float>)

    /// Causal scaled dot-product attention: for each query token t and head h,
    /// output[t, h] = Σp softmax_p(q·k_p / √headDimension) · v_p over cached positions
    /// p ≤ startPosition + t. queries and output are [tokenCount, queryWidth]; keys and values
    /// are the cache, [≥ positionCount, keyValueWidth].
    func attention(_ shape: AttentionShape, queries: UnsafeBufferPointer<Float>, keys: UnsafeBufferPointer<Float>,
                   values: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>)
}
