/// A topic validator's verdict on a message (go-libp2p-pubsub `ValidationResult`).
public enum GossipValidationResult: Sendable, Equatable {
    /// Deliver and forward the message.
    case accept
    /// The message is invalid: drop it and penalise its senders (P4).
    case reject
    /// Drop the message without penalty (for example it is stale).
    case ignore
}
