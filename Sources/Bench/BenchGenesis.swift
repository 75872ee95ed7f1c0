import Foundation
import Identity
import Ledger
import Sodium

/// The genesis of the node benchmarks: every validator stakes 20,000 tokens as validator
/// and as sequencer, and the validators and the senders hold 1,000 tokens each.
enum BenchGenesis {
    /// `count` sender keys, the same every run for the same `tag`.
    static func senders(count: Int, tag: UInt8) -> [Ed25519PrivateKey] {
        (0..<count).map { index in
            try! Ed25519PrivateKey(seed: [UInt8](repeating: tag, count: 28) + withUnsafeBytes(of: UInt32(index).bigEndian, Array.init))
        }
    }

    /// The genesis spec as JSON.
    static func spec(validators: [IdentityKey], senders: [Ed25519PrivateKey], chainID: UInt64, time: UInt64,
                     slotMilliseconds: Int) throws -> Data {
        let funded = validators.map(\.accountAddress) + senders.map { AccountAddress(publicKey: $0.publicKey) }
        let accounts = funded.map { GenesisSpec.Account(address: $0.description, balance: "1000") }
        let stakes = validators.flatMap { key in
            ["validator", "sequencer"].map { GenesisSpec.StakeEntry(address: key.accountAddress.description, role: $0, amount: "20000") }
        }
        let placed = funded.count * 1_000 + validators.count * 2 * 20_000
        return try JSONEncoder().encode(GenesisSpec(
            chainID: chainID, genesisTime: time, accounts: accounts, allocations: [], stakes: stakes,
            treasury: "\(1_000_000_000 - placed)", parameters: ["slot_milliseconds": "\(slotMilliseconds)"]))
    }
}
