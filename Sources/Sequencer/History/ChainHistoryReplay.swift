import Ledger
import Sodium
import Wire

/// Replays a chain history file into a ledger: records the ledger already holds are
/// checked against its archive and skipped; the rest are verified (link to the parent,
/// certificate with more than 2/3 of the stake of its height's validators, transactions
/// root, state root) and applied with their certificates, one SQLite transaction each, in
/// which the executor also keeps each epoch computed at a boundary.
public enum ChainHistoryReplay {
    /// How many records were applied and how many the ledger already held.
    public struct Outcome: Sendable, Equatable {
        public var applied: Int
        public var alreadyHeld: Int
    }

    public static func replay(_ bytes: [UInt8], into ledger: LedgerDatabase,
                              progress: (UInt64) -> Void = { _ in }) throws -> Outcome {
        let (chainID, genesisHash) = try ChainHistoryFile.readHeader(bytes)
        guard chainID == ledger.chainID, genesisHash == ledger.genesisHash else {
            throw ChainHistoryError.otherChain("the file is for chain \(chainID) with another genesis")
        }
        var executor = try LedgerBatchExecutor(ledger: ledger, account: AccountAddress(publicKey: Ed25519PrivateKey().publicKey))
        var outcome = Outcome(applied: 0, alreadyHeld: 0)
        for record in try ChainHistoryFile.records(bytes) {
            if record.height <= ledger.height {
                try checkHeld(record, ledger: ledger)
                outcome.alreadyHeld += 1
                continue
            }
            try apply(record, chainID: chainID, executor: &executor)
            outcome.applied += 1
            progress(record.height)
        }
        return outcome
    }

    private static func checkHeld(_ record: (height: UInt64, batch: [UInt8], certificate: [UInt8]),
                                  ledger: LedgerDatabase) throws {
        guard let held = try ledger.archivedBatches(from: record.height, count: 1).first, held.height == record.height,
              held.message == record.batch else {
            throw ChainHistoryError.invalid(height: record.height, "differs from the batch this ledger finalized")
        }
    }

    private static func apply(_ record: (height: UInt64, batch: [UInt8], certificate: [UInt8]), chainID: UInt64,
                              executor: inout LedgerBatchExecutor) throws {
        let height = record.height
        guard height == executor.head.height + 1 else {
            throw ChainHistoryError.invalid(height: height, "records must follow height \(executor.head.height)")
        }
        let batch: BatchMessage
        let certificate: FinalityCertificate
        do {
            batch = try BatchMessage.decode(record.batch, chainID: chainID)
            var reader = try ProtobufReader(record.certificate, strictness: .canonical)
            certificate = try FinalityCertificate(from: &reader)
        } catch {
            throw ChainHistoryError.invalid(height: height, "\(error)")
        }
        guard batch.header.body.height == height, certificate.height == height, certificate.batchHash == batch.hash else {
            throw ChainHistoryError.invalid(height: height, "the certificate is not for this batch")
        }
        guard let validators = executor.schedule.validators(forHeight: height) else {
            throw ChainHistoryError.invalid(height: height, "the validators of its epoch are not known")
        }
        if let failure = certificate.verificationFailure(validators: validators, chainID: chainID) {
            throw ChainHistoryError.invalid(height: height, failure)
        }
        guard executor.validate(batch) else {
            throw ChainHistoryError.invalid(height: height, "its parent, transactions or state root do not check out")
        }
        executor.commit(batch, certificate: certificate)
        if let failure = executor.failure { throw ChainHistoryError.invalid(height: height, failure) }
    }
}
