// The Sequencer module: the rotating sequencer's protocol core, sans-IO.
//
// It owns the leader schedule (CometBFT's weighted round robin over the staked
// sequencer set), the mempool (per-sender nonce queues, fee priority, replacement by fee
// bump, caps, expiry), the signed chain messages, and consensus on batches.
//
// Consensus is Tendermint ("The latest gossip on BFT consensus", Buchman, Kwon and
// Milosevic 2018, Algorithm 1) with a round per slot (`Consensus/ConsensusMachine`):
//
//   round r of a height      = slot r; its proposer is the slot's leader
//   proposal                 = ProposalMessage: ConsensusProposal {height, slot, batch
//                              hash, valid slot} signed by the leader, the BatchMessage
//                              (header signed by the leader of the slot it was made in),
//                              and for a re-proposal the prevotes of its polka
//   prevote, precommit       = ConsensusVote {height, slot, batch hash or nil, step}
//   decision (finality)      = precommits for one batch in one slot from more than 2/3
//                              of the stake: the FinalityCertificate; the next batch
//                              carries it
//   2f + 1 / f + 1           = more than 2/3 / more than 1/3 of validator stake
//   valid(v)                 = the structure checked here + BatchExecutor.validate
//   timeouts                 = no proposal by 1/2 of the slot: prevote nil; split
//                              prevotes: precommit nil 1/8 slot later; the slot's end
//                              ends the round (an undecided slot is skipped)
//   next height              = starts at the slot after the decision's
//
// Who votes and who leads changes in epochs of heights (ConsensusSchedule): epochs 0 and 1
// carry the genesis sets; epoch e + 2 is computed from the state after the last height of
// epoch e and is kept with that batch, so every set is known a whole epoch ahead. Every
// vote, proposal and certificate is weighed by the set of its own height.
//
// Time runs slot 0 = genesis; slot 0 never holds a batch, so the first height starts in
// slot 1. A leader that signs two headers for one slot is reported with both
// (EquivocationEvidence); a validator's second, different vote for one (height, slot,
// step) is counted and ignored. A validator persists its last signed position and its
// lock (ConsensusSigningState, ConsensusLock) before each signature leaves, so that a
// restart neither signs twice nor forgets a lock.
//
// Signed byte layouts (canonical protobuf, docs/canonical-encoding.md; signatures over
// uvarint(len tag) ‖ tag ‖ chain id ‖ body):
//
//   ConsensusVote      oln/consensus-vote/1       1 height · 2 slot · 3 batch_hash (32, absent = nil) · 4 step (1|2)
//   ConsensusProposal  oln/consensus-proposal/1   1 height · 2 slot · 3 batch_hash (32) · 4 valid_slot (absent = new)
//   ProposalMessage    (unsigned container)       1 proposal envelope · 2 BatchMessage · 3* polka prevote envelopes
//   FinalityCertificate                           1 height · 2 slot · 3 batch_hash · 4* {1 signer (32) · 2 signature (64)}
//   ConsensusEpoch     (stored, unsigned)         1 number · 2 first_height · 3 height_count
//                                                 · 4* {1 address (20) · 2 stake} · 5* {1 address (20) · 2 power}
//
// It may import Ledger (transactions, the ledger database it feeds), Identity, Wire and
// Sodium. It reads no clock and opens no sockets: inputs carry `now`, outputs are actions.
