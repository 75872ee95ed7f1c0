// Gossip: gossipsub v1.1/v1.2 (libp2p pubsub), sans-IO.
//
// Three parts: the wire layer, scoring and caches, and the router that joins them.
//
// - RPC/ (the wire layer):
//   Owns:
//   - `GossipRPC` and its parts (`GossipSubscription`, `GossipMessage`, `GossipControlMessage`
//     with `GossipIHave`, `GossipIWant`, `GossipGraft`, `GossipPrune` + `GossipPeerInfo`,
//     `GossipIDontWant`): decoding under `GossipRPCLimits` with typed `GossipRPCError`s,
//     unknown fields skipped everywhere; encoding in field-number order.
//   - `GossipRPCStreamDecoder`: RPCs out of the bytes of one pubsub stream.
//   - Message authorship: `GossipSigningPolicy`, `GossipMessage.signed(by:seqno:)`,
//     `GossipMessage.verify(policy:)`, `GossipMessageError`.
//   - Message ids: `GossipMessageID`, `GossipMessageIDFunction` (from ‖ seqno, or BLAKE2b-256
//     of the data).
//   - Protocol versions: `GossipProtocolVersion` (/meshsub/1.0.0, 1.1.0, 1.2.0) and what each allows.
//
//   May import: Identity, Wire, Sodium. No I/O, no clock, no randomness: sans-IO codecs only.
//
//   Byte layouts (‖ is concatenation; every message is a protobuf, see each type's schema)
//
//     stream        frame ‖ frame ‖ …                one long-lived stream per peer per direction
//     frame         uvarint(length) ‖ RPC[length]    length ≤ GossipRPCLimits.rpcByteCountMax
//     RPC           1: SubOpts*  2: Message*  3: ControlMessage?
//     Message       1: from  2: data  3: seqno [8, big-endian]  4: topic  5: signature  6: key
//     signed bytes  "libp2p-pubsub:" ‖ Message{1: from, 2: data, 3: seqno, 4: topic}
//                   Ed25519 over these by the key of peer id `from`
//     message id    from ‖ seqno   (default)   or   BLAKE2b-256(data)   (content hash)
//
// - Scoring/ (peer behaviour and bookkeeping, generic over peer and message-id keys):
//   `PeerScore` (v1.1 P1–P7 with decay, retention, colocation whitelist),
//   `PeerScoreParameters`/`TopicScoreParameters`/`PeerScoreThresholds` with validation and
//   the oln defaults (docs/gossip-scoring.md), `MessageCache` (mcache with IWANT
//   retransmission limit), `SeenCache` (TTL), `GraftBackoff` (PRUNE back-off).
//
// - Router/: `GossipRouter`, the gossipsub v1.1/v1.2 router: subscriptions, a mesh per
//   topic kept within [D_lo, D_hi] by the heartbeat (D_score best kept, D_out outbound),
//   fanout, flood publishing of own messages, seen-cache dedup, per-topic validation
//   (`GossipValidation`: synchronous, or asynchronous with a bounded table of held
//   messages and a timeout, `GossipPendingValidations`), IHAVE/IWANT gossip with IWANT
//   promises, GRAFT/PRUNE with back-off and peer exchange (PX offered on oversubscription,
//   on a GRAFT refused at D_hi and on unsubscribe, with the signed peer records we hold;
//   accepted from peers at the accept-PX threshold as `.connect` actions, bounded, each
//   carrying the offered record when it verifies), direct peers (outside the mesh, sent every
//   message, never graylisted, reconnected), IDONTWANT (v1.2), scoring and thresholds,
//   bounded per-peer outbound queues (urgent before forwards, IDONTWANT cancellation, age
//   and size caps, flow control through `peerWritable`).
//   Not built: per-topic limits on the encoded message size.
//   Inputs and outputs: `GossipRPC`s per peer, heartbeats, publishes and validation results
//   in; `GossipRouterAction`s (`send`, `deliver`, `disconnect`, `connect`, `validate`) out.
//
// May import: Identity, Wire, Sodium. No I/O, no clock (callers pass `now`), and no global
// random generator (the router draws from a generator seeded at creation).
