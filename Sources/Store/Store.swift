// Store: the node's SQLite layer and the ledger's authenticated key-value state on it.
//
// What it owns
//   Database           one SQLite connection: WAL journal, synchronous=FULL (or NORMAL),
//                      foreign keys, busy timeout, a statement cache, and transactions
//                      (BEGIN IMMEDIATE … COMMIT, ROLLBACK on any error) with observers;
//                      a transaction may leave writes to just before its COMMIT
//                      (writeBeforeCommit) and run both on a thread of its own
//                      (BackgroundCommit): every later use of the connection waits for it
//   Statement          a prepared statement: bind by 1-based index, read columns by 0-based
//                      index; an empty blob stays an empty blob, never NULL
//   SchemaMigrations   an append-only list of SchemaMigration steps, tracked by
//                      PRAGMA user_version and applied in one transaction
//   StateStore         keys (1…256 bytes) to values (≤ 1 MiB) under one 32-byte root
//   StoreError         typed failures; each description says what an operator can do
//
// It imports CSQLite (the system libsqlite3), Sodium (BLAKE2b-256), and Dispatch and
// Synchronization for the work it hands to other threads (below, and background commits).
// Not thread-safe by design: a Database, its statements and its StateStore belong to one
// thread or actor; a background commit has the connection to itself until it is waited
// for. A crash at any instant leaves the last committed transaction whole.
//
// Speed (results never depend on it): a StateStore keeps two bounded caches in step with
// the open transaction, and drops what a rolled-back transaction put in them:
//   StateBucketCache   each recently hashed bucket's hash preimage, so a changed bucket is
//                      re-hashed from its preimage and its writes instead of its rows, and
//                      a key absent from a cached bucket is known absent without a lookup
//   StateValueCache    the values of keys read lately (accounts are read every batch)
// In an apply with many writes, the bucket work (merge, hash, tree) runs on a second
// thread (StateBucketUpdate, SideWork) while the calling thread writes the rows. An owner
// that commits in the background may instead do the bucket work ahead, while the previous
// transaction commits (prepareAhead: uncached buckets are read through a second connection,
// the tree is updated in a copy), take it over in its transaction, and leave the rows
// (StateRows) to the committing thread (applyDeferringRows, writeRows). A key whose bucket
// is empty (a zero leaf) is known absent without a lookup.
//
// State layout (‖ is concatenation, [n] is n bytes)
//
//   bucket(key)        first 2 bytes of BLAKE2b-256(key), big-endian: 0 … 65,535
//   state row          key   = bucket(key)[2] ‖ key          (WITHOUT ROWID, clustered,
//                      value = value                          so a bucket is one range)
//   bucket hash        BLAKE2b-256( uvarint(len key) ‖ key ‖ BLAKE2b-256(value) ‖ … )
//                      over the bucket's entries in ascending key order;
//                      [32] zeros for an empty bucket
//   state_buckets row  bucket ‖ bucket hash, for non-empty buckets only
//
// The tree over the bucket hashes (16 levels, kept in memory, rebuilt at open)
//
//                               root = node 0
//                           /                 \
//                       node 1                node 2
//                      /      \              /      \
//                    …          …          …          …
//                 node 65,535   …   …   …   …   node 131,070
//                 = bucket 0                    = bucket 65,535
//
//   inner node         BLAKE2b-256( 0x01 ‖ left ‖ right ),
//                      or [32] zeros when left and right are both [32] zeros,
//                      so the empty state's root is [32] zeros
