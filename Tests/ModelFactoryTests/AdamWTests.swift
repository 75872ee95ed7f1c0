import Testing
@testable import ModelFactory

/// AdamW against torch.optim.AdamW (Fixtures/make_optimizer_vectors.py).
@Suite struct AdamWTests {
    @Test(arguments: OptimizerVectors.adamW.indices)
    func matchesPyTorch(_ index: Int) {
        let vector = OptimizerVectors.adamW[index]
        var parameters = vector.initial
        var optimizer = AdamW(parameterCount: parameters.count, beta1: vector.beta1, beta2: vector.beta2,
                              epsilon: vector.epsilon, weightDecay: vector.weightDecay)
        for gradient in vector.gradients {
            optimizer.update(&parameters, gradient: gradient, learningRate: vector.learningRate)
        }
        #expect(optimizer.stepCount == vector.gradients.count)
        for (name, actual, expected) in [("θ", parameters, vector.parameters), ("m", optimizer.firstMoment, vector.firstMoment),
                                         ("v", optimizer.secondMoment, vector.secondMoment)] {
            for (got, want) in zip(actual, expected) {
                #expect(abs(got - want) <= 2e-6 * max(1, abs(want)), "\(vector.name) \(name): \(got) vs \(want)")
            }
        }
    }

    @Test func weightDecayIsDecoupled() {
        // A zero gradient leaves the moments zero, so only θ·(1 − lr·λ) acts.
        var parameters: [Float] = [2, -4]
        var optimizer = AdamW(parameterCount: 2, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.5)
        optimizer.update(&parameters, gradient: [0, 0], learningRate: 0.1)
        #expect(parameters == [1.9, -3.8])
    }
}
