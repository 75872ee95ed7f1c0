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

    /// The sequencers of a set where each validator leads with power equal to its stake.
    static func sequencers(stakes: [UInt64]) -> [LeaderSchedule.Member] {
        stakes.enumerated().map { LeaderSchedule.Member(address: addresses[$0.offset], power: Int64($0.element)) }
    }

    /// One epoch that never ends: the validators and leaders of `stakes` at every height.
    static func schedule(stakes: [UInt64]) -> ConsensusSchedule {
        ConsensusSchedule(epochs: [ConsensusEpoch(number: 0, firstHeight: 1, heightCount: UInt64.max,
                                                  validators: validators(stakes: stakes), sequencers: sequencers(stakes: stakes))])
    }

    static func configuration(slotMilliseconds: UInt64 = 1_000) -> ConsensusConfiguration {
        ConsensusConfiguration(chainID: chainID,
                               slotClock: SlotClock(genesisSeconds: genesisSeconds, slotMilliseconds: slotMilliseconds))
    }

    static func executor(stakes: [UInt64] = [1, 1, 1, 1], transactionsPerBatchMax: Int = 2) -> InMemoryBatchExecutor {
        InMemoryBatchExecutor(genesisHash: genesisHash, genesisStateRoot: genesisStateRoot,
                              transactionsPerBatchMax: transactionsPerBatchMax, schedule: schedule(stakes: stakes))
    }
}
