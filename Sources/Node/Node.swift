// The Node module: one peer of the network as an operator runs it — its data directory,
// its configuration and roles — on top of the protocol modules.
//
// It owns the data directory layout and `NodeConfiguration`; running the peer (libp2p
// host, gossip, mempool, consensus, ledger) arrives with the sequencer's node loop.
//
// It may import Ledger, Identity, Wire and Foundation.
//
//     <dir>/node.key       Ed25519 identity: libp2p peer id and account address (0600)
//     <dir>/config.json    listen and bootstrap addresses, roles, log level
//     <dir>/genesis.json   the genesis spec the chain started from
//     <dir>/chain.sqlite   the ledger (WAL mode)
