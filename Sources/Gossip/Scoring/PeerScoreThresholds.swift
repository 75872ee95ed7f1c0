/// The score thresholds the router acts on (gossipsub-v1.1.md "Score Thresholds";
/// go-libp2p-pubsub `PeerScoreThresholds`).
public struct PeerScoreThresholds: Sendable, Equatable {
    /// Below this no gossip (IHAVE/IWANT) is exchanged with the peer; negative.
    public var gossipThreshold: Double
    /// Below this we do not flood-publish to the peer; at most `gossipThreshold`.
    public var publishThreshold: Double
    /// Below this every RPC from the peer is ignored; at most `publishThreshold`.
    public var graylistThreshold: Double
    /// Peer exchange in a PRUNE is accepted only from peers at or above this; at least 0.
    public var acceptPXThreshold: Double
    /// Opportunistic grafting starts when the median mesh score drops below this; at least 0.
    public var opportunisticGraftThreshold: Double

    public init(
        gossipThreshold: Double, publishThreshold: Double, graylistThreshold: Double,
        acceptPXThreshold: Double, opportunisticGraftThreshold: Double
    ) {
        self.gossipThreshold = gossipThreshold
        self.publishThreshold = publishThreshold
        self.graylistThreshold = graylistThreshold
        self.acceptPXThreshold = acceptPXThreshold
        self.opportunisticGraftThreshold = opportunisticGraftThreshold
    }

    /// Lighthouse's thresholds (`lighthouse_gossip_thresholds`), which `olnDefaults`
    /// topic parameters are scaled against: −4000 / −8000 / −16000 / 100 / 5.
    public static let olnDefaults = PeerScoreThresholds(
        gossipThreshold: -4000, publishThreshold: -8000, graylistThreshold: -16000,
        acceptPXThreshold: 100, opportunisticGraftThreshold: 5)

    /// Checks `gossip < 0`, `publish ≤ gossip`, `graylist ≤ publish`, `acceptPX ≥ 0`,
    /// `opportunisticGraft ≥ 0`, all finite. (go also accepts a gossip threshold of 0.)
    public func validate() throws(PeerScoreParameterError) {
        typealias Check = ScoreParameterCheck
        try Check.require(gossipThreshold.isFinite && gossipThreshold < 0, "gossipThreshold", "a finite number < 0")
        try Check.require(
            publishThreshold.isFinite && publishThreshold <= gossipThreshold,
            "publishThreshold", "a finite number ≤ gossipThreshold")
        try Check.require(
            graylistThreshold.isFinite && graylistThreshold <= publishThreshold,
            "graylistThreshold", "a finite number ≤ publishThreshold")
        try Check.require(
            acceptPXThreshold.isFinite && acceptPXThreshold >= 0, "acceptPXThreshold", "a finite number ≥ 0")
        try Check.require(
            opportunisticGraftThreshold.isFinite && opportunisticGraftThreshold >= 0,
            "opportunisticGraftThreshold", "a finite number ≥ 0")
    }
}
