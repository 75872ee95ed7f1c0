import Foundation
import Identity
import Ledger
import Node
import Sodium

/// A genesis ledger on disk with three funded accounts (account 0 also staked as a host),
/// and a helper that applies a batch of transactions, for the ledger routes' tests.
final class LedgerRoutesFixture {
    static let chainID: UInt64 = 424_242
    static let genesisTime: UInt64 = 1_767_225_600
    static let hostStakeTokens: UInt64 = 5_000

    let keys: [Ed25519PrivateKey]
    let addresses: [AccountAddress]
    let path: String
    let ledger: LedgerDatabase
    private var time: UInt64

    init() throws {
        keys = try (0..<3).map { try Ed25519PrivateKey(seed: [UInt8](repeating: UInt8($0 + 1), count: 32)) }
        addresses = keys.map { AccountAddress(publicKey: $0.publicKey) }
        let accounts = addresses.map { GenesisSpec.Account(address: $0.description, balance: "1000000") }
        let stake = GenesisSpec.StakeEntry(address: addresses[0].description, role: StakeRole.host.name,
                                           amount: "\(Self.hostStakeTokens)")
        let placed = Token.tokens(3 * 1_000_000 + Self.hostStakeTokens)
        let spec = GenesisSpec(chainID: Self.chainID, genesisTime: Self.genesisTime, accounts: accounts, allocations: [],
                               stakes: [stake], treasury: TokenAmountText.format(Token.supply - placed), parameters: [:])
        path = NSTemporaryDirectory() + "ledger-routes-\(UUID().uuidString).sqlite"
        ledger = try LedgerDatabase(path: path, synchronous: .normal)
        try ledger.initialize(with: try Genesis(spec: spec))
        time = Self.genesisTime
    }

    deinit {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// `kind` signed by account `index` with `nonce`, for this chain.
    func transaction(_ kind: TransactionKind, from index: Int, nonce: UInt64) -> SignedTransaction {
        let body = Transaction(nonce: nonce, fee: Token.baseUnitsPerToken / 100, expiry: time + 3_600, kind: kind)
        return SignedTransaction(signing: body, chainID: Self.chainID, with: keys[index])
    }

    /// Applies `transactions` as the next batch, two seconds after the last.
    func apply(_ transactions: [SignedTransaction]) throws -> BatchResult {
        time += 2
        return try ledger.apply(LedgerBatch(height: ledger.height + 1, time: time, leader: nil, transactions: transactions))
    }

    /// A status as a running node at `height` and `slot` would report it.
    func status(height: UInt64, slot: UInt64) -> NodeStatus {
        NodeStatus(headHeight: height, finalizedHeight: height, slot: slot, leader: addresses[1].description, peers: 3,
                   mempool: 7, running: true, syncing: false, chainID: Self.chainID, peerID: "12D3KooW", listen: [],
                   processID: nil, updatedAtMilliseconds: 0)
    }
}
