/// Clipping by the global L2 norm, as `torch.nn.utils.clip_grad_norm_`: when the norm
/// exceeds `maximumNorm`, every value is multiplied by maximumNorm / (norm + 1e-6).
public enum GradientClipping {
    /// The L2 norm of `gradient`, accumulated in Double.
    public static func norm(of gradient: [Float]) -> Double {
        var sum: Double = 0
        for value in gradient { sum += Double(value) * Double(value) }
        return sum.squareRoot()
    }

    /// Clips `gradient` in place and returns its norm before clipping. A non-finite norm
    /// leaves the gradient untouched (the caller stops the job).
    @discardableResult
    public static func clip(_ gradient: inout [Float], maximumNorm: Double) -> Double {
        let total = norm(of: gradient)
        guard total.isFinite else { return total }
        let coefficient = maximumNorm / (total + 1e-6)
        if coefficient < 1 {
            let factor = Float(coefficient)
            for index in gradient.indices { gradient[index] *= factor }
        }
        return total
    }
}
