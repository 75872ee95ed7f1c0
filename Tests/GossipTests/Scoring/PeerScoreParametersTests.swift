import Testing
@testable import Gossip

@Suite struct PeerScoreParametersTests {
    static let valid = PeerScoreParameters(
        topics: ["t": TopicScoreParametersTests.valid],
        topicScoreCap: 10, applicationScoreWeight: 1,
        ipColocationFactorWeight: -1, ipColocationFactorThreshold: 2,
        behaviourPenaltyWeight: -1, behaviourPenaltyThreshold: 1, behaviourPenaltyDecay: 0.9,
        decayInterval: .seconds(1), decayToZero: 0.01, retainScore: .seconds(60))

    typealias Mutation = @Sendable (inout PeerScoreParameters) -> Void

    static let invalidCases: [(String, Mutation)] = [
        ("topicScoreCap", { $0.topicScoreCap = -1 }),
        ("topicScoreCap", { $0.topicScoreCap = .infinity }),
        ("applicationScoreWeight", { $0.applicationScoreWeight = .nan }),
        ("ipColocationFactorWeight", { $0.ipColocationFactorWeight = 1 }),
        ("ipColocationFactorThreshold", { $0.ipColocationFactorThreshold = 0 }),
        ("behaviourPenaltyWeight", { $0.behaviourPenaltyWeight = 0.5 }),
        ("behaviourPenaltyDecay", { $0.behaviourPenaltyDecay = 1 }),
        ("behaviourPenaltyThreshold", { $0.behaviourPenaltyThreshold = -1 }),
        ("decayInterval", { $0.decayInterval = .milliseconds(999) }),
        ("decayToZero", { $0.decayToZero = 0 }),
        ("decayToZero", { $0.decayToZero = 1 }),
        ("retainScore", { $0.retainScore = .seconds(-1) }),
        ("deliveryRecordTimeToLive", { $0.deliveryRecordTimeToLive = .zero }),
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

    @Test func topicErrorNamesTheTopic() {
        var parameters = Self.valid
        parameters.topics["bad"] = TopicScoreParameters(topicWeight: -1, invalidMessageDeliveriesDecay: 0.5)
        do {
            try parameters.validate()
            Issue.record("a negative topic weight should have been rejected")
        } catch {
            #expect(error == PeerScoreParameterError(parameter: "topicWeight", topic: "bad", requirement: "a finite number ≥ 0"))
            #expect(error.description == "invalid score parameter topicWeight of topic bad: it must be a finite number ≥ 0")
        }
    }

    /// Disabled P6 and P7 need no threshold or decay (go, atomic mode).
    @Test func disabledGlobalComponentsAreNotChecked() throws {
        try PeerScoreParameters(ipColocationFactorThreshold: 0, behaviourPenaltyDecay: 5).validate()
    }

    /// go ScoreParameterDecay: decayToZero^(interval / time).
    @Test func decayFactor() {
        // 0.01^(1/10) = 0.630957344480193.
        #expect(abs(PeerScoreParameters.decayFactor(toZeroIn: .seconds(10)) - 0.630957344480193) < 1e-15)
        // 0.01^(1/3600) = 0.998721603904..., the oln behaviour penalty decay.
        #expect(abs(PeerScoreParameters.decayFactor(toZeroIn: .seconds(3600)) - 0.9987216039048303) < 1e-15)
        // 0.1^(2/4) = 0.316227766...
        let factor = PeerScoreParameters.decayFactor(toZeroIn: .seconds(4), interval: .seconds(2), decayToZero: 0.1)
        #expect(abs(factor - 0.31622776601683794) < 1e-15)
    }
}
