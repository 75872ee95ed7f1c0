// The Sequencer module: the rotating sequencer's protocol core, sans-IO.
//
// It owns the leader schedule (CometBFT's weighted round robin over the staked
// sequencer set), the mempool (per-sender nonce queues, fee priority, replacement by fee
// bump, caps, expiry), the signed batch and attestation formats, and finality by
// attestations from more than 2/3 of validator stake.
//
// It may import Ledger (transactions, the ledger database it feeds), Identity, Wire and
// Sodium. It reads no clock and opens no sockets: inputs carry `now`, outputs are actions.
