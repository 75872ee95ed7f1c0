import Identity
import Ledger

/// What the workload's transactions have created, read back from the ledger: datanets with
/// their accepted contributions and adapters, contributions still open for curation, base
/// models, receipts that may still be challenged, open challenges and proposals.
///
/// Everything here is a function of the ledger's state at its current height, however
/// often `synchronize(with:)` ran on the way: the applied transactions are read from the
/// ledger's transaction log (the ids they created follow from sender and nonce), records
/// are read from the state, lists are kept in creation order or, for accepted
/// contributions, in contribution order, and pruning only ever drops what can no longer
/// be used. So a workload that resumes on a reopened ledger makes the same batches as one
/// that never stopped.
struct WorkloadCatalogue: Sendable {
    /// Datanets remembered: the first ones created.
    static let datanetCountMax = 4_096
    /// Accepted contributions remembered per datanet: the latest ones.
    static let acceptedPerDatanetMax = 256
    /// Adapters remembered per datanet: the latest ones.
    static let adaptersPerDatanetMax = 64
    /// Base models remembered: the first ones registered.
    static let modelCountMax = 4_096
    /// Open contributions, receipts, challenges and proposals remembered; the windows keep
    /// the lists far shorter.
    static let openCountMax = 1 << 20

    struct Datanet: Sendable {
        var id: [UInt8]
        /// Accepted contributions, oldest first.
        var accepted: [(serial: Int, id: [UInt8])] = []
        /// Adapters trained on the datanet, oldest first.
        var adapters: [[UInt8]] = []
    }

    struct Contribution: Sendable {
        var serial: Int
        var id: [UInt8]
        var datanet: Int
        var contributor: AccountAddress
        var windowEnd: UInt64
    }

    struct Receipt: Sendable {
        var id: [UInt8]
        var host: AccountAddress
        var datanet: Int
        var time: UInt64
        var attribution: [AttributionEntry]
    }

    struct Deadline: Sendable {
        var id: [UInt8]
        var end: UInt64
    }

    private(set) var height: UInt64 = 0
    private(set) var time: UInt64 = 0
    private(set) var datanets: [Datanet] = []
    private var datanetIndex: [[UInt8]: Int] = [:]
    /// Contributions whose vote window had not ended at `time`, in creation order.
    private(set) var pending: [Contribution] = []
    private var contributionCount = 0
    private(set) var models: [[UInt8]] = []
    private(set) var receipts: [Receipt] = []
    private(set) var challenges: [Deadline] = []
    private(set) var proposals: [Deadline] = []

    /// Catches up with `ledger`: reads the batches applied since the last call (or, for a
    /// ledger behind this catalogue, starts over), settles ended contributions and prunes.
    mutating func synchronize(with ledger: LedgerDatabase, challengeWindow: UInt64) throws {
        if ledger.height < height { self = WorkloadCatalogue() }
        while height < ledger.height {
            height += 1
            for row in try ledger.transactionOutcomes(height: height) where row.status == "applied" {
                let sender = try AccountAddress(bytes: row.sender)
                try add(kind: row.kind, id: LedgerIdentifier.derive(sender: sender, nonce: row.nonce), ledger: ledger)
            }
        }
        time = ledger.time
        try settle(ledger: ledger)
        prune(challengeWindow: challengeWindow)
    }

    private mutating func add(kind: String, id: [UInt8], ledger: LedgerDatabase) throws {
        switch kind {
        case "create_datanet" where datanets.count < Self.datanetCountMax:
            datanetIndex[id] = datanets.count
            datanets.append(Datanet(id: id))
        case "contribute":
            contributionCount += 1
            guard let record = try ledger.contribution(id), let datanet = datanetIndex[record.datanetID] else { return }
            pending.append(Contribution(serial: contributionCount, id: id, datanet: datanet,
                                        contributor: record.contributor, windowEnd: record.windowEnd))
        case "register_base_model" where models.count < Self.modelCountMax:
            models.append(id)
        case "training_result":
            guard let record = try ledger.adapter(id), let datanet = datanetIndex[record.result.datanetID] else { return }
            datanets[datanet].adapters.append(id)
            datanets[datanet].adapters = Array(datanets[datanet].adapters.suffix(Self.adaptersPerDatanetMax))
        case "inference_receipt":
            guard let record = try ledger.receipt(id), let datanet = datanetIndex[record.receipt.datanetID] else { return }
            receipts.append(Receipt(id: id, host: record.host, datanet: datanet, time: record.time,
                                    attribution: record.receipt.attribution))
        case "attribution_challenge":
            guard let record = try ledger.challenge(id) else { return }
            challenges.append(Deadline(id: id, end: record.voteEnd))
        case "propose":
            guard let record = try ledger.proposal(id) else { return }
            proposals.append(Deadline(id: id, end: record.votingEnd))
        default:
            break
        }
    }

    /// Moves contributions whose window has ended into their datanet's accepted list or
    /// drops them.
    private mutating func settle(ledger: LedgerDatabase) throws {
        var open: [Contribution] = []
        for contribution in pending {
            guard contribution.windowEnd <= time else {
                open.append(contribution)
                continue
            }
            guard let record = try ledger.contribution(contribution.id), record.status == .accepted else { continue }
            var accepted = datanets[contribution.datanet].accepted
            let position = accepted.firstIndex { $0.serial > contribution.serial } ?? accepted.endIndex
            accepted.insert((contribution.serial, contribution.id), at: position)
            datanets[contribution.datanet].accepted = Array(accepted.suffix(Self.acceptedPerDatanetMax))
        }
        pending = Array(open.suffix(Self.openCountMax))
    }

    /// Drops receipts that can no longer be challenged, and challenges and proposals whose
    /// votes have closed. Each list ends later the later its entries were created, so what
    /// goes is always a prefix, and the caps keep the newest.
    private mutating func prune(challengeWindow: UInt64) {
        receipts = Array(receipts.drop { $0.time &+ challengeWindow <= time }.suffix(Self.openCountMax))
        challenges = Array(challenges.drop { $0.end <= time }.suffix(Self.openCountMax))
        proposals = Array(proposals.drop { $0.end <= time }.suffix(Self.openCountMax))
    }

    /// The datanet with `id`, if remembered.
    func datanet(withID id: [UInt8]) -> Int? {
        datanetIndex[id]
    }
}
