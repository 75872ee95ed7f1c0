/// How the messages of one topic are validated, beyond the router's own checks (size,
/// signing policy, self-origin).
public enum GossipValidation: Sendable {
    /// `validator` decides during the `receive` call.
    case synchronous(GossipRouter.Validator)
    /// The router holds each new message and emits `.validate`; the caller runs its
    /// validator wherever it likes (a worker thread) and reports with
    /// `GossipRouter.validationResult(_:for:now:)`. At most
    /// `GossipRouterConfiguration.validationCountMax` run at once, each for at most
    /// `validationTimeout`.
    case asynchronous
}
