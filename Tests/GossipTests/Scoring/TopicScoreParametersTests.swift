import Testing
@testable import Gossip

@Suite struct TopicScoreParametersTests {
    /// Every component on, every value in range.
    static let valid = TopicScoreParameters(
        topicWeight: 0.5,
        timeInMeshWeight: 0.01, timeInMeshQuantum: .seconds(1), timeInMeshCap: 3600,
        firstMessageDeliveriesWeight: 1, firstMessageDeliveriesDecay: 0.5, firstMessageDeliveriesCap: 100,
        meshMessageDeliveriesWeight: -1, meshMessageDeliveriesDecay: 0.5, meshMessageDeliveriesCap: 10,
        meshMessageDeliveriesThreshold: 5, meshMessageDeliveriesWindow: .milliseconds(10),
        meshMessageDeliveriesActivation: .seconds(1),
        meshFailurePenaltyWeight: -1, meshFailurePenaltyDecay: 0.5,
        invalidMessageDeliveriesWeight: -1, invalidMessageDeliveriesDecay: 0.5)

    typealias Mutation = @Sendable (inout TopicScoreParameters) -> Void

    static let invalidCases: [(String, Mutation)] = [
        ("topicWeight", { $0.topicWeight = -1 }),
        ("topicWeight", { $0.topicWeight = .nan }),
        ("timeInMeshQuantum", { $0.timeInMeshQuantum = .zero }),
        ("timeInMeshWeight", { $0.timeInMeshWeight = -0.1 }),
        ("timeInMeshCap", { $0.timeInMeshCap = 0 }),
        ("timeInMeshCap", { $0.timeInMeshCap = .infinity }),
        ("firstMessageDeliveriesWeight", { $0.firstMessageDeliveriesWeight = -1 }),
        ("firstMessageDeliveriesDecay", { $0.firstMessageDeliveriesDecay = 1 }),
        ("firstMessageDeliveriesDecay", { $0.firstMessageDeliveriesDecay = 0 }),
        ("firstMessageDeliveriesCap", { $0.firstMessageDeliveriesCap = -5 }),
        ("meshMessageDeliveriesWeight", { $0.meshMessageDeliveriesWeight = 1 }),
        ("meshMessageDeliveriesDecay", { $0.meshMessageDeliveriesDecay = 1.5 }),
        ("meshMessageDeliveriesCap", { $0.meshMessageDeliveriesCap = 0 }),
        ("meshMessageDeliveriesThreshold", { $0.meshMessageDeliveriesThreshold = 0 }),
        ("meshMessageDeliveriesWindow", { $0.meshMessageDeliveriesWindow = .milliseconds(-1) }),
        ("meshMessageDeliveriesActivation", { $0.meshMessageDeliveriesActivation = .milliseconds(999) }),
        ("meshFailurePenaltyWeight", { $0.meshFailurePenaltyWeight = 1 }),
        ("meshFailurePenaltyDecay", { $0.meshFailurePenaltyDecay = 0 }),
        ("invalidMessageDeliveriesWeight", { $0.invalidMessageDeliveriesWeight = 2 }),
        ("invalidMessageDeliveriesDecay", { $0.invalidMessageDeliveriesDecay = 1 }),
    ]

    @Test func validParametersPass() throws {
        try Self.valid.validate()
    }

    @Test(arguments: invalidCases)
    func invalidParameterIsNamed(parameter: String, mutation: Mutation) {
        var parameters = Self.valid
        mutation(&parameters)
        do {
            try parameters.validate()
            Issue.record("\(parameter) should have been rejected")
        } catch {
            #expect(error.parameter == parameter && error.topic == nil)
        }
    }

    /// With a component's weight at 0 its other values are not checked (go, atomic mode),
    /// except the P4 decay and the time-in-mesh quantum, which go always checks.
    @Test func disabledComponentsAreNotChecked() throws {
        var parameters = TopicScoreParameters(invalidMessageDeliveriesDecay: 0.5)
        parameters.firstMessageDeliveriesDecay = 7
        parameters.meshMessageDeliveriesThreshold = -3
        parameters.meshFailurePenaltyDecay = 2
        try parameters.validate()
        #expect(throws: PeerScoreParameterError.self) { try TopicScoreParameters().validate() }
    }
}
