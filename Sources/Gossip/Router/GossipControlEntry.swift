/// One control entry queued for a peer.
enum GossipControlEntry: Sendable {
    case ihave(GossipIHave)
    case iwant(GossipIWant)
    case graft(GossipGraft)
    case prune(GossipPrune)
    case idontwant(GossipIDontWant)
}
