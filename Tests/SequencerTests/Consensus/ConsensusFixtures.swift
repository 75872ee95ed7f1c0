import Ledger
import Simulation
import Sodium
@testable import Sequencer

/// Keys, transactions and chains shared by the consensus tests.
enum ConsensusFixtures {
    static let chainID: UInt64 = 4_242
    static let genesisSeconds: UInt64 = 1_700_000_000
    static let genesisHash = BLAKE2b256.hash(Array("oln consensus test genesis".utf8))
    static let genesisStateRoot = [UInt8](repeating: 0, count: 32)
    /// Validator keys, the most any test uses.
    static let keys = (0..<8).map { try! Ed25519PrivateKey(seed: [UInt8](repeating: UInt8(0x60 + $0), count: 32)) }
    static let addresses = keys.map { AccountAddress(publicKey: $0.publicKey) }
    static let sender = try! Ed25519PrivateKey(seed: [UInt8](repeating: 0x5a, count: 32))
    /// Signed once for the whole run: the transactions the simulations' leaders include.
    static let transactions: [SignedTransaction] = (0..<64).map { nonce in
        SignedTransaction(signing: Transaction(nonce: UInt64(nonce), fee: 1, expiry: 1_000_000,
                                               kind: .transfer(Transfer(to: addresses[nonce % addresses.count], amount: 1))),
                          chainID: chainID, with: sender)
    }

    static func validators(stakes: [UInt64]) -> ValidatorSet {
        ValidatorSet(members: stakes.enumerated().map { (addresses[$0.offset], Amount($0.element)) })
    }

    /// The leaders of slots 0..<count from CometBFT's weighted round robin over the stakes.
    static func leaders(stakes: [UInt64], count: Int = 512) -> [AccountAddress] {
        var schedule = LeaderSchedule(members: stakes.enumerated().map { (addresses[$0.offset], Int64($0.element)) })
        return schedule.nextLeaders(count)
    }

    static func configuration(stakes: [UInt64], slotMilliseconds: UInt64 = 1_000) -> ConsensusConfiguration {
        let leaders = Self.leaders(stakes: stakes)
        return ConsensusConfiguration(
            chainID: chainID, slotClock: SlotClock(genesisSeconds: genesisSeconds, slotMilliseconds: slotMilliseconds),
            validators: validators(stakes: stakes), leader: { leaders[Int($0 % UInt64(leaders.count))] })
    }

    static func executor(transactionsPerBatchMax: Int = 2) -> InMemoryBatchExecutor {
        InMemoryBatchExecutor(genesisHash: genesisHash, genesisStateRoot: genesisStateRoot,
                              transactionsPerBatchMax: transactionsPerBatchMax)
    }
}
