import Foundation
import Ledger
import Sodium

/// A chain with known accounts on an in-memory (or on-disk) ledger, and helpers that sign
/// and apply transactions. Account `i` has the Ed25519 seed `[i + 1] × 32`, or from 255 on
/// BLAKE2b-256("fixture account i").
final class LedgerFixture {
    static let chainID: UInt64 = 161_201
    static let genesisTime: UInt64 = 1_767_225_600
    /// The fee every fixture transaction pays: 0.01 token, above every minimum.
    static let fee: Amount = Token.baseUnitsPerToken / 100
    /// Each account's genesis balance.
    static let balance: Amount = Token.tokens(1_000_000)

    let keys: [Ed25519PrivateKey]
    let addresses: [AccountAddress]
    let genesis: Genesis
    let ledger: LedgerDatabase
    private(set) var time: UInt64
    private var nonces: [AccountAddress: UInt64] = [:]

    /// A genesis vesting allocation of the fixture: amounts are token text.
    struct VestingAllocation {
        var account: Int
        var amount: String
        var unlockedAtStart: String?
        var cliffSeconds: UInt64
        var vestingSeconds: UInt64
    }

    /// - Parameters:
    ///   - stakes: `(account, role, tokens)` staked at genesis.
    ///   - parameters: governed parameters overriding the defaults.
    ///   - allocations: vesting allocations, in spec order (their index is the allocation).
    init(accountCount: Int = 8, stakes: [(Int, StakeRole, UInt64)] = [], parameters: [String: String] = [:],
         allocations: [VestingAllocation] = [], path: String = ":memory:") throws {
        keys = try (0..<accountCount).map { try Ed25519PrivateKey(seed: Self.seed(account: $0)) }
        addresses = keys.map { AccountAddress(publicKey: $0.publicKey) }
        genesis = try Genesis(spec: Self.spec(addresses: addresses, stakes: stakes, parameters: parameters,
                                              allocations: allocations))
        ledger = try LedgerDatabase(path: path, synchronous: .normal)
        try ledger.initialize(with: genesis)
        time = ledger.time
    }

    static func seed(account: Int) -> [UInt8] {
        account < 255 ? [UInt8](repeating: UInt8(account + 1), count: 32) : BLAKE2b256.hash(Array("fixture account \(account)".utf8))
    }

    static func spec(addresses: [AccountAddress], stakes: [(Int, StakeRole, UInt64)],
                     parameters: [String: String], allocations: [VestingAllocation] = []) throws -> GenesisSpec {
        let accounts = addresses.map { GenesisSpec.Account(address: $0.description, balance: "1000000") }
        let stakeEntries = stakes.map { GenesisSpec.StakeEntry(address: addresses[$0.0].description, role: $0.1.name,
                                                               amount: "\($0.2)") }
        let allocationEntries = allocations.enumerated().map { index, allocation in
            GenesisSpec.Allocation(name: "allocation \(index)", address: addresses[allocation.account].description,
                                   amount: allocation.amount, unlockedAtStart: allocation.unlockedAtStart,
                                   cliffSeconds: allocation.cliffSeconds, vestingSeconds: allocation.vestingSeconds)
        }
        var placed = Token.tokens(UInt64(addresses.count) * 1_000_000 + stakes.reduce(0) { $0 + $1.2 })
        for allocation in allocations { placed += try TokenAmountText.parse(allocation.amount) }
        return GenesisSpec(chainID: chainID, genesisTime: genesisTime, accounts: accounts, allocations: allocationEntries,
                           stakes: stakeEntries, treasury: TokenAmountText.format(Token.supply - placed),
                           parameters: parameters)
    }

    /// A transaction of `kind` signed by account `index` with its next nonce (unless given).
    func transaction(_ kind: TransactionKind, from index: Int, nonce: UInt64? = nil, fee: Amount = LedgerFixture.fee,
                     expiry: UInt64? = nil) -> SignedTransaction {
        let address = addresses[index]
        let usedNonce = nonce ?? nonces[address, default: 0]
        if nonce == nil { nonces[address] = usedNonce + 1 }
        let body = Transaction(nonce: usedNonce, fee: fee, expiry: expiry ?? time + 3_600, kind: kind)
        return SignedTransaction(signing: body, chainID: Self.chainID, with: keys[index])
    }

    /// Forgets a nonce handed out for a transaction that was not applied.
    func resetNonce(of index: Int) throws {
        nonces[addresses[index]] = try ledger.account(addresses[index]).nonce
    }

    /// Applies the transactions as the next batch, `seconds` after the previous one.
    @discardableResult
    func apply(_ transactions: [SignedTransaction], after seconds: UInt64 = 2,
               leader: Int? = nil) throws -> BatchResult {
        time += seconds
        let batch = LedgerBatch(height: ledger.height + 1, time: time, leader: leader.map { addresses[$0] },
                                transactions: transactions)
        do {
            return try ledger.apply(batch)
        } catch {
            time -= seconds
            throw error
        }
    }

    /// Applies one transaction and returns its outcome.
    func outcome(of transaction: SignedTransaction, after seconds: UInt64 = 2) throws -> TransactionOutcome {
        try apply([transaction], after: seconds).outcomes[0]
    }

    /// Moves time forward with an empty batch.
    func advance(_ seconds: UInt64) throws {
        try apply([], after: seconds)
    }

    func balance(_ index: Int) throws -> Amount {
        try ledger.account(addresses[index]).balance
    }

    func createdID(by index: Int, nonce: UInt64) -> [UInt8] {
        LedgerIdentifier.derive(sender: addresses[index], nonce: nonce)
    }

    /// The id a transaction from `index` with this nonce creates; call before signing it.
    func nextCreatedID(by index: Int) -> [UInt8] {
        createdID(by: index, nonce: nonces[addresses[index], default: 0])
    }
}
