/// RMSNorm, y = w ⊙ x / √(mean(x²) + ε), forward (keeping 1/RMS per row) and backward.
enum RMSNormalization {
    /// Normalizes `rowCount` rows of `input` into `output` and writes each row's 1/RMS.
    static func forward(_ input: UnsafePointer<Float>, weight: UnsafePointer<Float>, width: Int, epsilon: Float,
                        rowCount: Int, into output: UnsafeMutablePointer<Float>,
                        inverseRMS: UnsafeMutablePointer<Float>) {
        for row in 0..<rowCount {
            let scale = rowInverseRMS(input + row * width, width: width, epsilon: epsilon)
            inverseRMS[row] = scale
            apply(input + row * width, weight: weight, width: width, inverseRMS: scale, into: output + row * width)
        }
    }

    /// 1 / √(mean(x²) + ε) of one row.
    static func rowInverseRMS(_ row: UnsafePointer<Float>, width: Int, epsilon: Float) -> Float {
        var squares: Float = 0
        for index in 0..<width { squares += row[index] * row[index] }
        return 1 / (squares / Float(width) + epsilon).squareRoot()
    }

    /// One row's normalization with its known 1/RMS.
    static func apply(_ row: UnsafePointer<Float>, weight: UnsafePointer<Float>, width: Int, inverseRMS: Float,
                      into output: UnsafeMutablePointer<Float>) {
        for index in 0..<width { output[index] = weight[index] * (row[index] * inverseRMS) }
    }

    /// inputGradient += ∂y/∂x ᵀ · outputGradient for `rowCount` rows:
    /// dx = ρ·(w⊙dy) − ρ³·x·Σ(w⊙dy⊙x)/d, ρ = 1/RMS.
    static func backward(_ input: UnsafePointer<Float>, inverseRMS: UnsafePointer<Float>,
                         weight: UnsafePointer<Float>, width: Int, rowCount: Int,
                         outputGradient: UnsafePointer<Float>, addingTo inputGradient: UnsafeMutablePointer<Float>) {
        for row in 0..<rowCount {
            let x = input + row * width, dy = outputGradient + row * width, dx = inputGradient + row * width
            let rho = inverseRMS[row]
            var dot: Float = 0
            for index in 0..<width { dot += weight[index] * dy[index] * x[index] }
            let correction = rho * rho * rho * dot / Float(width)
            for index in 0..<width { dx[index] += rho * weight[index] * dy[index] - correction * x[index] }
        }
    }
}
