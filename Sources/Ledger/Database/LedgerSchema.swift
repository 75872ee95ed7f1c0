import Store

/// The ledger's tables. `state` and `state_buckets` (the rooted state) belong to
/// `StateStore`; the rest are derived from the state and the batches applied, for
/// ordering scheduled events and answering queries, and are not part of the state root.
enum LedgerSchema {
    static let migrations = SchemaMigrations([
        StateStore.schemaMigration,
        SchemaMigration(name: "ledger tables", sql: """
            CREATE TABLE schedule(due INTEGER NOT NULL, kind INTEGER NOT NULL, subject BLOB NOT NULL,
                PRIMARY KEY(due, kind, subject)) WITHOUT ROWID;
            CREATE TABLE batches(height INTEGER PRIMARY KEY, time INTEGER NOT NULL, leader BLOB,
                state_root BLOB NOT NULL, transaction_count INTEGER NOT NULL);
            CREATE TABLE transactions(height INTEGER NOT NULL, position INTEGER NOT NULL, id BLOB NOT NULL,
                sender BLOB NOT NULL, nonce INTEGER NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL,
                reason TEXT NOT NULL, PRIMARY KEY(height, position));
            CREATE INDEX transactions_sender ON transactions(sender, nonce);
            CREATE TABLE payouts(height INTEGER NOT NULL, sequence INTEGER NOT NULL, subject BLOB NOT NULL,
                account BLOB, reason TEXT NOT NULL, amount BLOB NOT NULL, PRIMARY KEY(height, sequence));
            CREATE INDEX payouts_account ON payouts(account, height);
            CREATE INDEX payouts_subject ON payouts(subject);
            CREATE TABLE contributions(id BLOB PRIMARY KEY, datanet BLOB NOT NULL, contributor BLOB NOT NULL,
                status TEXT NOT NULL);
            CREATE INDEX contributions_datanet ON contributions(datanet, status);
            CREATE INDEX contributions_contributor ON contributions(contributor);
            CREATE TABLE receipts(id BLOB PRIMARY KEY, height INTEGER NOT NULL, host BLOB NOT NULL,
                client BLOB NOT NULL, adapter BLOB NOT NULL, datanet BLOB NOT NULL);
            CREATE INDEX receipts_host ON receipts(host, height);
            CREATE INDEX receipts_adapter ON receipts(adapter, height);
            """),
        SchemaMigration(name: "stakes by role", sql: """
            CREATE TABLE stakes(role INTEGER NOT NULL, address BLOB NOT NULL, amount BLOB NOT NULL,
                PRIMARY KEY(role, address)) WITHOUT ROWID;
            """),
        SchemaMigration(name: "finalized batch archive", sql: """
            CREATE TABLE archive(height INTEGER PRIMARY KEY, hash BLOB NOT NULL, slot INTEGER NOT NULL,
                message BLOB NOT NULL, certificate BLOB NOT NULL);
            """),
        SchemaMigration(name: "consensus epochs", sql: """
            CREATE TABLE consensus_epochs(number INTEGER PRIMARY KEY, record BLOB NOT NULL);
            """),
        // Transactions and payouts are kept in their primary-key order (batch after batch:
        // appended), receipts by id, without a second B-tree for rowids; the indexes no
        // query used (transactions by sender, payouts by subject) are gone. Every batch
        // writes thousands of these rows, so each B-tree less is thousands of inserts less.
        SchemaMigration(name: "query tables without rowids", sql: """
            CREATE TABLE transactions_keyed(height INTEGER NOT NULL, position INTEGER NOT NULL, id BLOB NOT NULL,
                sender BLOB NOT NULL, nonce INTEGER NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL,
                reason TEXT NOT NULL, PRIMARY KEY(height, position)) WITHOUT ROWID;
            INSERT INTO transactions_keyed SELECT height, position, id, sender, nonce, kind, status, reason FROM transactions;
            DROP TABLE transactions;
            ALTER TABLE transactions_keyed RENAME TO transactions;
            CREATE TABLE payouts_keyed(height INTEGER NOT NULL, sequence INTEGER NOT NULL, subject BLOB NOT NULL,
                account BLOB, reason TEXT NOT NULL, amount BLOB NOT NULL, PRIMARY KEY(height, sequence)) WITHOUT ROWID;
            INSERT INTO payouts_keyed SELECT height, sequence, subject, account, reason, amount FROM payouts;
            DROP TABLE payouts;
            ALTER TABLE payouts_keyed RENAME TO payouts;
            CREATE INDEX payouts_account ON payouts(account, height);
            CREATE TABLE receipts_keyed(id BLOB PRIMARY KEY, height INTEGER NOT NULL, host BLOB NOT NULL,
                client BLOB NOT NULL, adapter BLOB NOT NULL, datanet BLOB NOT NULL) WITHOUT ROWID;
            INSERT INTO receipts_keyed SELECT id, height, host, client, adapter, datanet FROM receipts;
            DROP TABLE receipts;
            ALTER TABLE receipts_keyed RENAME TO receipts;
            CREATE INDEX receipts_host ON receipts(host, height);
            CREATE INDEX receipts_adapter ON receipts(adapter, height);
            """),
        // Receipts are looked up only by host and by adapter, so each lookup is a table of
        // its own, without the table by id whose rows (ids are hashes) went to random pages,
        // every one of which a batch then wrote again. Rows carry the receipt's time, which a
        // later write of the record (a challenge) keeps, so that write adds no row.
        SchemaMigration(name: "receipts by host and by adapter", sql: """
            CREATE TABLE receipts_by_host(host BLOB NOT NULL, time INTEGER NOT NULL, id BLOB NOT NULL,
                PRIMARY KEY(host, time, id)) WITHOUT ROWID;
            CREATE TABLE receipts_by_adapter(adapter BLOB NOT NULL, time INTEGER NOT NULL, id BLOB NOT NULL,
                PRIMARY KEY(adapter, time, id)) WITHOUT ROWID;
            INSERT INTO receipts_by_host
                SELECT receipts.host, IFNULL(batches.time, 0), receipts.id FROM receipts LEFT JOIN batches USING (height);
            INSERT INTO receipts_by_adapter
                SELECT receipts.adapter, IFNULL(batches.time, 0), receipts.id FROM receipts LEFT JOIN batches USING (height);
            DROP TABLE receipts;
            """),
    ])
}
