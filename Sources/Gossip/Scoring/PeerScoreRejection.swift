/// Why the router did not deliver a message, as far as the score is concerned
/// (go-libp2p-pubsub `RejectMessage` reasons, grouped by what they do to the score).
public enum PeerScoreRejection: Sendable, Equatable {
    /// The validator rejected the message: the sender, and every peer that sent it while it
    /// was being validated or later, earn an invalid delivery (P4).
    case invalid
    /// The message failed a check made before its id can be trusted (missing, invalid or
    /// unexpected signature or key, or our own message coming back): only the sender earns
    /// an invalid delivery, and no delivery record is kept.
    case invalidAuthentication
    /// The validator asked to ignore the message: nobody is rewarded or penalised.
    case ignored
    /// Validation was throttled, so validity is unknown: nobody is rewarded or penalised.
    case throttled
    /// Dropped before validation (blacklisted peer or author, full validation queue):
    /// the score does not change and no delivery record is kept.
    case notValidated
}
