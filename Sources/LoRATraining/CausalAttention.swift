#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Causal grouped-query attention over a whole sequence at positions 0..<n, one head at a
/// time on sgemm: scores = Q_h·K_gᵀ/√D (g the key-value head head h shares), a causal softmax,
/// output = P·V_g. The backward pass recomputes P per head rather than keeping n² values per
/// head and layer.
struct CausalAttention {
    let tokenCount: Int
    let headCount: Int
    let keyValueHeadCount: Int
    let headDimension: Int

    var queryWidth: Int { headCount * headDimension }
    var keyValueWidth: Int { keyValueHeadCount * headDimension }
    private var scale: Float { 1 / Float(headDimension).squareRoot() }

    /// The key-value head query head `head` reads.
    private func keyValueHead(_ head: Int) -> Int { head / (headCount / keyValueHeadCount) }

    /// output[t, h] = Σ_{p ≤ t} softmax(q_t·k_p/√D) v_p for every head; `probabilities` is
    /// [n, n] scratch.
    func forward(query: UnsafePointer<Float>, key: UnsafePointer<Float>, value: UnsafePointer<Float>,
                 into output: UnsafeMutablePointer<Float>, probabilities: UnsafeMutablePointer<Float>) {
        let n = tokenCount, dimension = headDimension
        for head in 0..<headCount {
            let group = keyValueHead(head) * dimension
            computeProbabilities(head, query: query, key: key, into: probabilities)
            MatrixMultiply.times(probabilities, aStride: n, value + group, bStride: keyValueWidth,
                                 into: output + head * dimension, cStride: queryWidth, m: n, n: dimension, k: n)
        }
    }

    /// Softmax-normalized causal scores of `head`: [n, n], zero above the diagonal.
    private func computeProbabilities(_ head: Int, query: UnsafePointer<Float>, key: UnsafePointer<Float>,
                                      into probabilities: UnsafeMutablePointer<Float>) {
        let n = tokenCount, dimension = headDimension
        MatrixMultiply.timesTransposed(query + head * dimension, aStride: queryWidth,
                                       key + keyValueHead(head) * dimension, bStride: keyValueWidth,
                                       into: probabilities, cStride: n, m: n, n: n, k: dimension, alpha: scale)
        for row in 0..<n {
            let scores = probabilities + row * n
            var maximum = -Float.infinity
            for column in 0...row { maximum = max(maximum, scores[column]) }
            var sum: Float = 0
            for column in 0...row {
                let exponential = expf(scores[column] - maximum)
                scores[column] = exponential
                sum += exponential
            }
            let inverse = 1 / sum
            for column in 0...row { scores[column] *= inverse }
            for column in (row + 1)..<n { scores[column] = 0 }
        }
    }

    /// The gradients of the rotated queries, the rotated keys and the values from the output
    /// gradient `outputGradient` ([n, q]); every destination is overwritten.
    func backward(query: UnsafePointer<Float>, key: UnsafePointer<Float>, value: UnsafePointer<Float>,
                  outputGradient: UnsafePointer<Float>, queryGradient: UnsafeMutablePointer<Float>,
                  keyGradient: UnsafeMutablePointer<Float>, valueGradient: UnsafeMutablePointer<Float>,
                  probabilities: UnsafeMutablePointer<Float>, scoreGradient: UnsafeMutablePointer<Float>) {
        let n = tokenCount, dimension = headDimension, groupSize = headCount / keyValueHeadCount
        for head in 0..<headCount {
            let group = keyValueHead(head) * dimension, own = head * dimension
            let beta: Float = head % groupSize == 0 ? 0 : 1
            computeProbabilities(head, query: query, key: key, into: probabilities)
            // dP = dO_h · V_gᵀ, dV_g += Pᵀ · dO_h.
            MatrixMultiply.timesTransposed(outputGradient + own, aStride: queryWidth, value + group,
                                           bStride: keyValueWidth, into: scoreGradient, cStride: n, m: n, n: n,
                                           k: dimension)
            MatrixMultiply.transposedTimes(probabilities, aStride: n, outputGradient + own, bStride: queryWidth,
                                           into: valueGradient + group, cStride: keyValueWidth, m: n, n: dimension,
                                           k: n, beta: beta)
            Self.softmaxBackward(probabilities, scoreGradient, n: n)
            // dQ_h = dS · K_g / √D, dK_g += dSᵀ · Q_h / √D.
            MatrixMultiply.times(scoreGradient, aStride: n, key + group, bStride: keyValueWidth,
                                 into: queryGradient + own, cStride: queryWidth, m: n, n: dimension, k: n,
                                 alpha: scale)
            MatrixMultiply.transposedTimes(scoreGradient, aStride: n, query + own, bStride: queryWidth,
                                           into: keyGradient + group, cStride: keyValueWidth, m: n, n: dimension,
                                           k: n, alpha: scale, beta: beta)
        }
    }

    /// dS = P ⊙ (dP − rowsum(P ⊙ dP)) in place of dP, on the causal triangle (zero above it).
    private static func softmaxBackward(_ probabilities: UnsafePointer<Float>,
                                        _ gradient: UnsafeMutablePointer<Float>, n: Int) {
        for row in 0..<n {
            let p = probabilities + row * n, g = gradient + row * n
            var dot: Float = 0
            for column in 0...row { dot += p[column] * g[column] }
            for column in 0...row { g[column] = p[column] * (g[column] - dot) }
            for column in (row + 1)..<n { g[column] = 0 }
        }
    }
}
