import Identity

/// The router's side of the choke extension (libp2p/specs pull request 681): which mesh
/// links it has choked and which have choked it, and how late each mesh peer delivers.
///
/// Every full copy of a message from a mesh peer is a sample of that peer's lateness: the
/// time since the message was first heard of here (a full copy, or an IHAVE from a choked
/// mesh peer). A moving average per link ranks the mesh peers of a topic; `decide` keeps
/// the `unchokedCount` fastest unchoked (eager push) and chokes the rest (lazy push: they
/// announce with IHAVE at once, and the router asks with IWANT for what it lacks). A
/// choked peer whose IHAVE beats the eager copies earns a small lateness through its IWANT
/// replies, and replaces the slowest unchoked peer once it is faster by `unchokeMargin`.
/// Only full deliveries count, so a peer that announces quickly but does not deliver is
/// never unchoked for it; an unchoked peer that delivers nothing in a heartbeat in which
/// the topic had messages earns `silentLateness`.
///
/// Bounded: first-heard times of at most `messageCountMax` ids, for `sampleWindow` each;
/// state only for mesh links (forgotten when a link leaves the mesh); at most
/// `changeCountMaxPerHeartbeat` CHOKE and UNCHOKE per topic and heartbeat.
struct GossipChokeTracker: Sendable {
    /// The parameters (from `GossipRouterConfiguration`).
    struct Parameters: Sendable {
        var unchokedCount: Int
        var sampleCountMin: Int
        var latenessWeight: Double
        var unchokeMargin: Duration
        var silentLateness: Duration
        var messageCountMax: Int
        var sampleWindow: Duration
        var changeCountMaxPerHeartbeat: Int
    }

    /// What is known of one mesh peer in one topic.
    struct Link: Sendable {
        /// The moving average of its lateness, in seconds.
        var latenessMean = 0.0
        var sampleCount = 0
        /// Whether it delivered a message since the last heartbeat.
        var delivered = false
    }

    /// Per topic: the links measured, those we choked and those that choked us.
    struct Topic: Sendable {
        var links: [PeerID: Link] = [:]
        var chokedByUs: Set<PeerID> = []
        var chokingUs: Set<PeerID> = []
        var messagesThisHeartbeat = 0
        var changesThisHeartbeat = 0
        /// When CHOKE last went to each peer in `chokedByUs`.
        var chokeSentAt: [PeerID: Duration] = [:]
    }

    /// A message recently heard of: when first, and which choked peer's announcement we
    /// asked for it with IWANT, when, and how late that announcement was.
    struct Heard: Sendable {
        let at: Duration
        var announcer: PeerID?
        var requestedAt: Duration = .zero
        var announcementLateness: Duration = .zero
    }

    let parameters: Parameters
    private(set) var topics: [String: Topic] = [:]
    private var heard: [GossipMessageID: Heard] = [:]
    private var heardOrder = ExpiryQueue<(id: GossipMessageID, at: Duration)>()

    init(parameters: Parameters) {
        precondition(parameters.unchokedCount >= 1, "keep at least one mesh peer unchoked")
        precondition(parameters.sampleCountMin >= 1 && parameters.messageCountMax > 0
                     && parameters.changeCountMaxPerHeartbeat > 0, "choke limits must be positive")
        precondition(parameters.latenessWeight > 0 && parameters.latenessWeight <= 1, "the weight is a fraction")
        precondition(parameters.unchokeMargin >= .zero && parameters.silentLateness >= .zero
                     && parameters.sampleWindow > .zero, "choke durations cannot be negative")
        self.parameters = parameters
    }

    /// Whether `peer` choked us in `topic` (we then announce messages to it with IHAVE).
    func isChoking(_ peer: PeerID, topic: String) -> Bool {
        topics[topic]?.chokingUs.contains(peer) ?? false
    }

    /// Whether we choked `peer` in `topic`.
    func isChoked(_ peer: PeerID, topic: String) -> Bool {
        topics[topic]?.chokedByUs.contains(peer) ?? false
    }

    /// `peer` choked (or unchoked) us in `topic`.
    mutating func setChoking(_ choking: Bool, by peer: PeerID, topic: String) {
        if choking {
            topics[topic, default: Topic()].chokingUs.insert(peer)
        } else {
            topics[topic]?.chokingUs.remove(peer)
        }
    }

    /// The link to `peer` in `topic` left the mesh (or joined it): it starts unchoked both
    /// ways and unmeasured.
    mutating func forget(_ peer: PeerID, topic: String) {
        guard topics[topic] != nil else { return }
        topics[topic]?.links[peer] = nil
        topics[topic]?.chokedByUs.remove(peer)
        topics[topic]?.chokingUs.remove(peer)
        topics[topic]?.chokeSentAt[peer] = nil
    }

    /// A duplicate of message `id` from `peer` in `topic`: whether to send CHOKE again,
    /// because we choked the peer but it still pushes messages we did not ask it for (the
    /// CHOKE was lost, or crossed this copy on the way). At most once per `interval` per
    /// peer, and only `interval` after the last CHOKE, so a copy already on its way when
    /// the peer was choked does not count.
    mutating func repeatsChoke(
        of peer: PeerID, deliveringUnasked id: GossipMessageID, topic: String, now: Duration, interval: Duration
    ) -> Bool {
        guard let sentAt = topics[topic]?.chokeSentAt[peer], now - sentAt >= interval,
              heard[id]?.announcer != peer else { return false }
        topics[topic]?.chokeSentAt[peer] = now
        return true
    }

    /// Notes that message `id` was heard of now; returns how long after it was first heard
    /// of (zero the first time), or nil once that is longer ago than `sampleWindow`.
    mutating func hear(_ id: GossipMessageID, now: Duration) -> Duration? {
        if let first = heard[id] {
            let lateness = now - first.at
            return lateness <= parameters.sampleWindow ? lateness : nil
        }
        while let oldest = heardOrder.first,
              heardOrder.count >= parameters.messageCountMax || now - oldest.at > parameters.sampleWindow {
            heardOrder.popFirst()
            heard[oldest.id] = nil
        }
        heard[id] = Heard(at: now)
        heardOrder.append((id: id, at: now))
        return .zero
    }

    /// A choked mesh peer announced message `id`, not yet received, with IHAVE: whether to
    /// ask it with IWANT. One announcer is asked at a time; another once `requestTimeout`
    /// has passed without the message. The announcement's lateness is kept: when the asked
    /// peer delivers, that is its sample (it would have delivered then, unchoked).
    mutating func announce(_ id: GossipMessageID, by peer: PeerID, now: Duration, requestTimeout: Duration) -> Bool {
        guard let lateness = hear(id, now: now), var entry = heard[id] else { return true }
        if entry.announcer != nil && now - entry.requestedAt < requestTimeout { return false }
        entry.announcer = peer
        entry.requestedAt = now
        entry.announcementLateness = lateness
        heard[id] = entry
        return true
    }

    /// A full copy from mesh peer `peer` in `topic`, `lateness` after the message was first
    /// heard of; `isFirst` when it was the first copy (a new message in the topic).
    mutating func addDelivery(
        of id: GossipMessageID, from peer: PeerID, topic: String, lateness: Duration, isFirst: Bool
    ) {
        if isFirst { topics[topic, default: Topic()].messagesThisHeartbeat += 1 }
        let announced = heard[id].flatMap { $0.announcer == peer ? $0.announcementLateness : nil }
        addSample(announced ?? lateness, peer: peer, topic: topic)
        topics[topic]?.links[peer]?.delivered = true
    }

    private mutating func addSample(_ lateness: Duration, peer: PeerID, topic: String) {
        let seconds = Double(lateness.components.seconds) + Double(lateness.components.attoseconds) * 1e-18
        var link = topics[topic, default: Topic()].links[peer] ?? Link()
        link.latenessMean = link.sampleCount == 0
            ? seconds : link.latenessMean + parameters.latenessWeight * (seconds - link.latenessMean)
        link.sampleCount += 1
        topics[topic]?.links[peer] = link
    }

    /// At each heartbeat: unchoked peers in `meshPeers` (the topic's mesh peers that speak
    /// the extension) that delivered nothing while the topic had messages earn
    /// `silentLateness`, and the per-heartbeat counters restart.
    mutating func heartbeat(topic: String, meshPeers: [PeerID]) {
        guard var state = topics[topic] else { return }
        if state.messagesThisHeartbeat > 0 {
            topics[topic] = state
            for peer in meshPeers where !state.chokedByUs.contains(peer) && state.links[peer]?.delivered != true {
                addSample(parameters.silentLateness, peer: peer, topic: topic)
            }
            state = topics[topic] ?? state
        }
        for peer in Array(state.links.keys) { state.links[peer]?.delivered = false }
        state.messagesThisHeartbeat = 0
        state.changesThisHeartbeat = 0
        topics[topic] = state
    }

    /// Whether `decide` may have a peer to choke or unchoke in `topic`, short of a swap:
    /// more measured links unchoked than `unchokedCount`, or fewer while some are choked,
    /// with changes left this heartbeat. Deliveries call `decide` only then; swaps wait for
    /// the heartbeat, so that a settled topic is not ranked again on every message.
    func isUnsettled(topic: String) -> Bool {
        guard let changes = topics[topic]?.changesThisHeartbeat, changes < parameters.changeCountMaxPerHeartbeat,
              let linkCount = topics[topic]?.links.count, let chokedCount = topics[topic]?.chokedByUs.count
        else { return false }
        let unchokedCount = linkCount - chokedCount
        return unchokedCount > parameters.unchokedCount || (unchokedCount < parameters.unchokedCount && chokedCount > 0)
    }

    /// Chokes or unchokes mesh peers of `topic` so that the `unchokedCount` fastest stay
    /// unchoked. `meshPeers` are the topic's mesh peers that speak the extension, in the
    /// router's order. Returns the peers to send CHOKE and UNCHOKE, already counted as such.
    mutating func decide(topic: String, meshPeers: [PeerID], now: Duration) -> (choke: [PeerID], unchoke: [PeerID]) {
        var state = topics[topic] ?? Topic()
        var choke: [PeerID] = [], unchoke: [PeerID] = []
        func mean(_ peer: PeerID) -> Double? {
            guard let link = state.links[peer], link.sampleCount >= parameters.sampleCountMin else { return nil }
            return link.latenessMean
        }
        var unchoked = meshPeers.filter { !state.chokedByUs.contains($0) }
        var choked = meshPeers.filter { state.chokedByUs.contains($0) }
        func canChange() -> Bool { state.changesThisHeartbeat < parameters.changeCountMaxPerHeartbeat }
        while unchoked.count < parameters.unchokedCount, let best = Self.best(choked, by: mean), canChange() {
            choked.removeAll { $0 == best }
            unchoked.append(best)
            state.chokedByUs.remove(best)
            unchoke.append(best)
            state.changesThisHeartbeat += 1
        }
        while unchoked.count > parameters.unchokedCount, let worst = Self.worst(unchoked, by: mean), canChange() {
            unchoked.removeAll { $0 == worst }
            choked.append(worst)
            state.chokedByUs.insert(worst)
            choke.append(worst)
            state.changesThisHeartbeat += 1
        }
        let margin = Double(parameters.unchokeMargin.components.attoseconds) * 1e-18
            + Double(parameters.unchokeMargin.components.seconds)
        if let best = Self.best(choked, by: mean), let worst = Self.worst(unchoked, by: mean),
           let bestMean = mean(best), let worstMean = mean(worst), bestMean + margin < worstMean,
           state.changesThisHeartbeat + 2 <= parameters.changeCountMaxPerHeartbeat {
            state.chokedByUs.remove(best)
            state.chokedByUs.insert(worst)
            unchoke.append(best)
            choke.append(worst)
            state.changesThisHeartbeat += 2
        }
        for peer in unchoke { state.chokeSentAt[peer] = nil }
        for peer in choke { state.chokeSentAt[peer] = now }
        topics[topic] = state
        return (choke, unchoke)
    }

    /// The peer of `peers` with the lowest rated mean (the first such on a tie); unrated
    /// peers come after every rated one.
    private static func best(_ peers: [PeerID], by mean: (PeerID) -> Double?) -> PeerID? {
        var chosen: (peer: PeerID, mean: Double)?
        var unrated: PeerID?
        for peer in peers {
            guard let value = mean(peer) else {
                if unrated == nil { unrated = peer }
                continue
            }
            if chosen.map({ value < $0.mean }) ?? true { chosen = (peer, value) }
        }
        return chosen?.peer ?? unrated
    }

    /// The rated peer of `peers` with the highest mean (the last such on a tie); nil when
    /// none is rated, so that peers not yet measured are not choked.
    private static func worst(_ peers: [PeerID], by mean: (PeerID) -> Double?) -> PeerID? {
        var chosen: (peer: PeerID, mean: Double)?
        for peer in peers {
            guard let value = mean(peer) else { continue }
            if chosen.map({ value >= $0.mean }) ?? true { chosen = (peer, value) }
        }
        return chosen?.peer
    }
}
