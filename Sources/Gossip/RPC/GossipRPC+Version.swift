extension GossipRPC {
    /// This RPC with what `version` does not allow removed: IDONTWANT entries below v1.2,
    /// and PRUNE peers and backoff below v1.1. A control message with no entry left becomes nil.
    ///
    /// Use it on what is sent to a peer of that version, and on what is received from one
    /// (the specification has receivers ignore what the version does not define).
    public func restricted(to version: GossipProtocolVersion) -> GossipRPC {
        guard var control else { return self }
        if !version.allowsIDontWant {
            control.idontwant = []
        }
        if !version.allowsPeerExchange {
            control.prune = control.prune.map { GossipPrune(topic: $0.topic) }
        }
        var restricted = self
        restricted.control = control.isEmpty ? nil : control
        return restricted
    }
}
