/// A score parameter or threshold outside its allowed range: a configuration mistake,
/// reported by `validate()` so that the operator can correct the named value.
public struct PeerScoreParameterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The parameter's name as in `PeerScoreParameters`, `TopicScoreParameters` or `PeerScoreThresholds`.
    public let parameter: String
    /// The topic whose parameters are wrong, or nil for a global parameter.
    public let topic: String?
    /// What the value must be.
    public let requirement: String

    public init(parameter: String, topic: String? = nil, requirement: String) {
        self.parameter = parameter
        self.topic = topic
        self.requirement = requirement
    }

    /// The same error, attributed to `topic`.
    func inTopic(_ topic: String) -> PeerScoreParameterError {
        PeerScoreParameterError(parameter: parameter, topic: topic, requirement: requirement)
    }

    public var description: String {
        let place = topic.map { " of topic \($0)" } ?? ""
        return "invalid score parameter \(parameter)\(place): it must be \(requirement)"
    }
}

/// Checks shared by the parameter and threshold validations.
enum ScoreParameterCheck {
    static func require(_ condition: Bool, _ parameter: String, _ requirement: String) throws(PeerScoreParameterError) {
        guard condition else { throw PeerScoreParameterError(parameter: parameter, requirement: requirement) }
    }

    /// A decay factor: a finite number strictly between 0 and 1.
    static func isDecay(_ value: Double) -> Bool {
        value.isFinite && value > 0 && value < 1
    }
}
