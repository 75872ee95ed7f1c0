// The Ledger module: the deterministic state machine of the oln chain and its storage.
//
// It owns the transaction kinds and their canonical encoding (Transactions/, schema in
// docs/transactions.proto), the governed parameters, genesis, the state records, the
// state machine that applies a batch, and the SQLite database that keeps the state,
// its root and the query tables (docs/ledger.md).
//
// It may import Store (SQLite and the rooted key-value state), Identity (accounts,
// signed canonical messages), Wire (protobuf) and Sodium (hashes), and Dispatch and
// Synchronization to collect a batch's changes on a second thread while the query rows
// are written (Database/LedgerChangesCollection.swift; the result is the same on any
// thread). A ledger opened with commitInBackground (a node's) leaves each batch's rows
// and COMMIT to Store's committing thread while the next batch runs, reading through a
// second connection meanwhile (docs/ledger.md, "Background commits"). It reads no clock,
// uses no floating point and draws no random numbers: batches carry the time.
//
//     LedgerBatch ──▶ LedgerDatabase.apply ─┬─ LedgerStateMachine.run ── handlers
//                                           │        │ reads/writes
//                                           │   LedgerState (batch and transaction layers)
//                                           │        │ misses
//                                           └─ StateStore (state table + bucket tree) ──▶ root
//
// State keys and their records are listed in State/StateKey.swift. All amounts are
// UInt128 base units (10^18 per token); the supply of 10^9 tokens is fixed at genesis.
@_exported import Identity
