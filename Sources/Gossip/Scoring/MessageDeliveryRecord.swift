/// What the score knows about one message id while its delivery record lives
/// (go-libp2p-pubsub `deliveryRecord`).
struct MessageDeliveryRecord<Peer: Hashable & Sendable>: Sendable {
    enum Status: Sendable {
        /// Validation has not finished.
        case unknown
        case valid
        case invalid
        case ignored
        case throttled
    }

    var status = Status.unknown
    /// When validation succeeded; the P3 window for later duplicates starts here.
    var validated: Duration?
    /// Peers that delivered the message, other than the first, while it is tracked.
    var peers: Set<Peer> = []
}
