#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SwiGLU's activation a = silu(g) ⊙ u, silu(g) = g·σ(g), and its backward pass.
enum SwiGLU {
    /// activation[i] = silu(gate[i]) · up[i] for `count` elements.
    static func forward(gate: UnsafePointer<Float>, up: UnsafePointer<Float>, count: Int,
                        into activation: UnsafeMutablePointer<Float>) {
        for index in 0..<count {
            let g = gate[index]
            activation[index] = g / (1 + expf(-g)) * up[index]
        }
    }

    /// From ∂loss/∂a in `gradient` (overwritten with ∂loss/∂g) and `upGradient` (∂loss/∂u):
    /// ∂g = ∂a·u·σ(g)(1 + g(1 − σ(g))), ∂u = ∂a·silu(g).
    static func backward(gate: UnsafePointer<Float>, up: UnsafePointer<Float>, count: Int,
                         gradient: UnsafeMutablePointer<Float>, upGradient: UnsafeMutablePointer<Float>) {
        for index in 0..<count {
            let g = gate[index], sigmoid = 1 / (1 + expf(-g)), incoming = gradient[index]
            upGradient[index] = incoming * g * sigmoid
            gradient[index] = incoming * up[index] * sigmoid * (1 + g * (1 - sigmoid))
        }
    }
}
