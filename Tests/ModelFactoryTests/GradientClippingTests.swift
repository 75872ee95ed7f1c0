import Testing
@testable import ModelFactory

/// Clipping against torch.nn.utils.clip_grad_norm_.
@Suite struct GradientClippingTests {
    @Test(arguments: OptimizerVectors.clipping.indices)
    func matchesPyTorch(_ index: Int) {
        let vector = OptimizerVectors.clipping[index]
        var gradient = vector.gradient
        let norm = GradientClipping.clip(&gradient, maximumNorm: vector.maximumNorm)
        #expect(abs(norm - vector.norm) <= 1e-6 * vector.norm)
        for (got, want) in zip(gradient, vector.clipped) {
            #expect(abs(got - want) <= 1e-6 * max(1, abs(want)), "\(got) vs \(want)")
        }
    }

    @Test func nonFiniteGradientsAreLeftForTheCaller() {
        var gradient: [Float] = [1, .nan]
        #expect(GradientClipping.clip(&gradient, maximumNorm: 1).isNaN)
        #expect(gradient[0] == 1)
    }
}
