/// What became of the signed peer records that peers sent in identify.
public struct PeerRecordStatistics: Equatable, Sendable {
    /// Records that verified and became their peer's newest in the peer store.
    public var accepted = 0
    /// Records that verified but were not newer than the one held.
    public var stale = 0
    /// Records refused: malformed, over a limit, a bad signature, another payload type, or
    /// naming another peer than the connection's. The connection is kept.
    public var invalid = 0
    /// Records signed with a key type this build does not verify (RSA, secp256k1, ECDSA).
    public var unsupported = 0

    public init() {}
}
