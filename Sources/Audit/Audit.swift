// Audit: Proof of Attribution's checks at peers. A node with an `audit` section in its
// configuration loads the base model the audited adapters were trained on and, beside the
// node, re-verifies the attribution of other hosts' inference receipts from what the hosts
// reveal (the prompt and output texts, blobs named by the receipt's hashes):
//
//   tier 1  span/1 receipts: the datanet version's span index rebuilt from the payloads,
//           the output's attribution recomputed and compared exactly;
//   tier 2  influence/1 receipts that the batch seed samples and assigns to this validator:
//           recomputed with the training job's gradient store and the adapter, compared
//           within InfluenceVerifier's tolerance.
//
// A mismatch, or a reveal that does not arrive within the grace period, becomes an
// AttributionChallenge carrying this node's recomputation; every open challenge on a receipt
// this node can recompute gets its ChallengeVote (validators only).
//
// What it owns
//   AuditSampling        the pure, integer sampling rule: seed, sampled or not, the
//                        stake-weighted auditors of a receipt
//   AuditFinding         what a recomputation says about a receipt
//   AuditComparison      the pure comparisons and decisions: exact (span/1), within
//                        tolerance (influence/1), the challenge's correction, the vote,
//                        the reveal deadline, who may vote
//   AttributionRecomputer  builds the span indexes and influence attributors from the blob
//                        store and the ledger with Hosting's own types (SpanIndexShelf,
//                        AttributionCorpus, InfluenceAttributionEntry), and recomputes a
//                        receipt from its reveal
//   Reveal               a receipt's revealed prompt and output texts
//   AuditorService       the rounds beside a running node: follows finalized batches from
//                        a persisted cursor, recomputes, challenges and votes; counters
//   AuditorSettings, AuditCounts, AuditCursor, AuditItem, AuditTier, AuditError
//
// Seed and draw preimages (BLAKE2b-256, 32-byte digests; integers big-endian):
//
//   seed  = H("oln/audit-seed/1" ‖ batch hash (32) ‖ receipt id (32))
//   sampled  ⇔  u64(seed[0..<8]) mod 1,000,000 < attribution_audit_ppm
//   draw j = H("oln/audit-draw/1" ‖ seed (32) ‖ u32(j)) ; r_j = u128(draw j[0..<16])
//
// It imports Node (the runtime, blob store, nonces), Hosting (the reveal rule, the span
// index shelf, influence credit), InfluenceAttribution, LoRATraining, ModelFactory,
// Attribution, OpenLoRA, Tokenizers, Ledger, Identity, Wire and Sodium; Foundation for the
// service's queue and files.
