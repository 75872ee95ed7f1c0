// Gossip/Scoring: the gossipsub v1.1 peer score and the router's bookkeeping caches,
// sans-IO. Every input carries `now: Duration` (time since an arbitrary monotonic origin,
// supplied by the caller); nothing here reads a clock, draws randomness or does I/O.
//
// What it owns
//   PeerScore               the v1.1 score function (P1–P7), its event inputs and decay
//   PeerScoreParameters,    score weights, caps and decays, with validation as
//   TopicScoreParameters    go-libp2p-pubsub does it (`validate() throws`)
//   PeerScoreThresholds     gossip / publish / graylist / accept-PX / opportunistic graft
//   TopicScoreProfile       expected traffic of a topic, from which `olnDefaults` derives
//                           topic parameters the way Lighthouse does (docs/gossip-scoring.md)
//   MessageCache            mcache: history windows, IHAVE ids, IWANT retransmission counts
//   SeenCache               message ids seen within a time-to-live (first-seen semantics)
//   GraftBackoff            PRUNE back-off per (peer, topic)
//
// It imports only Foundation (for `pow`). Peers and message ids are generic
// `Hashable` keys, so the router can use `Identity.PeerID` and the wire codec's message-id
// bytes without this folder depending on either.
//
// Every table that grows has a named limit and evicts oldest-first (or refuses) at it:
//
//   PeerScore        peerCountMax (retained peers evicted first), deliveryRecordCountMax,
//                    deliveryRecordPeerCountMax, addressesPerPeerMax
//   MessageCache     messageCountMax, requestingPeersPerMessageMax
//   SeenCache        countMax
//   GraftBackoff     entryCountMax
//
// Score, per peer (spec gossipsub-v1.1.md "The Score Function"):
//
//   score = min(Σ_topics topicWeight × (w1·P1 + w2·P2 + w3·P3 + w3b·P3b + w4·P4), cap)
//           + w5·P5 + w6·P6 + w7·P7
//
//   P1  min(⌊timeInMesh / quantum⌋, timeInMeshCap)             w1 ≥ 0
//   P2  first deliveries, capped, decaying                     w2 ≥ 0
//   P3  (threshold − meshDeliveries)² once active, if below    w3 ≤ 0
//   P3b sticky mesh failure penalty, added at PRUNE            w3b ≤ 0
//   P4  invalidDeliveries²                                     w4 ≤ 0
//   P5  application-specific value set by the caller           w5 any
//   P6  Σ_addresses (peersAtAddress − threshold)² if above     w6 ≤ 0
//   P7  (behaviourPenalty − threshold)² if above               w7 ≤ 0
