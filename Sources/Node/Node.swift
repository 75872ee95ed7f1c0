// The Node module: one peer of the network as an operator runs it — its data directory,
// configuration and roles, and `NodeRuntime`, which runs it: a gossipsub node on the
// libp2p host, the consensus machine over the ledger, the mempool, and /oln/sync/1 for
// catching up. docs/node.md describes how to run it.
//
// It may import Sequencer, Network, Gossip, P2P, IO, Store, Ledger, Identity, Wire, Sodium
// and Foundation. It is an edge: it reads the clock, draws seeds and opens sockets and files
// for the sans-IO machines below it.
//
//     <dir>/node.key          Ed25519 identity: libp2p peer id and account address (0600)
//     <dir>/config.json       listen and bootstrap addresses, roles, log level
//     <dir>/genesis.json      the genesis spec the chain started from
//     <dir>/chain.sqlite      the ledger and the archive of finalized batches (WAL mode)
//     <dir>/consensus.state   ConsensusSigningState, written durably before signatures leave
//     <dir>/consensus.lock    ConsensusLock, written durably before the precommit leaves
//     <dir>/status.json       NodeStatus, rewritten each slot by a running node
//     <dir>/oln.lock          DirectoryLock: flock of the one process writing the ledger
//
// Gossip topics (StrictSign, but transactions StrictNoSign: each is signed by its sender):
//
//     /oln/<chain id>/tx/2            SignedTransaction envelope    (ids: BLAKE2b-256 of the data)
//     /oln/<chain id>/proposal/1      ProposalMessage               (ids: from ‖ seqno)
//     /oln/<chain id>/vote/1          SignedMessage<ConsensusVote>  (ids: from ‖ seqno)
//     /oln/<chain id>/certificate/1   FinalityCertificate           (ids: from ‖ seqno)
//
// /oln/sync/1, one long-lived stream per peer and direction, frames uvarint(length) ‖ body:
//
//     asker → server   SyncRequest  { 1 id, 2 from_height (≥ 1), 3 count (1…64) }          ≤ 64 bytes
//     server → asker   SyncResponse { 1 id, 2 head_height, 3* SyncEntry { 1 batch, 2 certificate } }
//                      ≤ 64 MiB + 1 MiB; the server stops adding entries past 4 MiB
//
// Request/response protocols (RequestService, e.g. the host's /oln/infer/1), one stream per
// exchange, registered before start:
//
//     asker → server   uvarint(n) ‖ request   n ≤ requestByteCountMax (else the asker is dropped)   [FIN]
//     server → asker   uvarint(m) ‖ reply     m ≤ responseByteCountMax                               FIN
