// P2P: a libp2p host's logic, sans-IO.
//
// Owns:
// - `Connection`: one connection's upgrade and life, driven by bytes and `now`:
//
//       TCP bytes ─▶ multistream-select (/noise) ─▶ Noise XX ─▶ [encrypted]
//                    multistream-select (/yamux/1.0.0) ─▶ yamux streams ─▶
//                    multistream-select per stream ─▶ protocol (identify, ping, …)
//
//   The dialer initiates every step and is the yamux client (odd stream ids).
// - `IdentifyMessage` (`/ipfs/id/1.0.0`, `/ipfs/id/push/1.0.0`) and `PingExchange`
//   (`/ipfs/ping/1.0.0`). Identify carries our signed peer record (`sealPeerRecord`), and
//   the peer's, once opened (`Identity.SignedPeerRecord`), becomes its certified addresses
//   in the peer store (`PeerRecordStatistics` counts what was accepted and refused).
// - `PeerStore`, `ConnectionLimits` and `DialBackoff`: what a host knows about peers and
//   how many connections it accepts.
//
// No sockets, clocks or random generators: callers pass `now` and random material in.
// May import: Multistream, Noise, Yamux, Identity, Wire, Sodium.

/// The protocol ids the host speaks.
public enum ProtocolID {
    public static let noise = "/noise"
    public static let yamux = "/yamux/1.0.0"
    public static let identify = "/ipfs/id/1.0.0"
    public static let identifyPush = "/ipfs/id/push/1.0.0"
    public static let ping = "/ipfs/ping/1.0.0"
}
