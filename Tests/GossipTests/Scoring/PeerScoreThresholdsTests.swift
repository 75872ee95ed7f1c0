import Testing
@testable import Gossip

@Suite struct PeerScoreThresholdsTests {
    /// Lighthouse's values (REFERENCE.md): −4000 / −8000 / −16000 / 100 / 5.
    @Test func olnDefaults() throws {
        let thresholds = PeerScoreThresholds.olnDefaults
        try thresholds.validate()
        #expect(thresholds.gossipThreshold == -4000)
        #expect(thresholds.publishThreshold == -8000)
        #expect(thresholds.graylistThreshold == -16000)
        #expect(thresholds.acceptPXThreshold == 100)
        #expect(thresholds.opportunisticGraftThreshold == 5)
    }

    typealias Mutation = @Sendable (inout PeerScoreThresholds) -> Void

    static let invalidCases: [(String, Mutation)] = [
        ("gossipThreshold", { $0.gossipThreshold = 0 }),
        ("gossipThreshold", { $0.gossipThreshold = 1 }),
        ("gossipThreshold", { $0.gossipThreshold = -.infinity }),
        ("publishThreshold", { $0.publishThreshold = -3999 }),
        ("publishThreshold", { $0.publishThreshold = .nan }),
        ("graylistThreshold", { $0.graylistThreshold = -7999 }),
        ("acceptPXThreshold", { $0.acceptPXThreshold = -1 }),
        ("opportunisticGraftThreshold", { $0.opportunisticGraftThreshold = -0.5 }),
        ("opportunisticGraftThreshold", { $0.opportunisticGraftThreshold = .infinity }),
    ]

    @Test(arguments: invalidCases)
    func invalidThresholdIsNamed(parameter: String, mutation: Mutation) {
        var thresholds = PeerScoreThresholds.olnDefaults
        mutation(&thresholds)
        do {
            try thresholds.validate()
            Issue.record("\(parameter) should have been rejected")
        } catch {
            #expect(error.parameter == parameter)
        }
    }

    /// Equal thresholds are allowed: publish = gossip, graylist = publish.
    @Test func equalThresholdsPass() throws {
        try PeerScoreThresholds(
            gossipThreshold: -10, publishThreshold: -10, graylistThreshold: -10,
            acceptPXThreshold: 0, opportunisticGraftThreshold: 0
        ).validate()
    }
}
