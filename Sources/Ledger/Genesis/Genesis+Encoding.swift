import Sodium
import Wire

extension Genesis {
    /// The canonical bytes the genesis hash covers.
    public var canonicalBytes: [UInt8] {
        var writer = ProtobufWriter()
        writer.writeVarintIfNonZero(chainID, field: 1)
        writer.writeVarintIfNonZero(time, field: 2)
        for balance in balances {
            var entry = ProtobufWriter()
            entry.writeBytes(balance.address.bytes, field: 1)
            entry.writeAmount(balance.amount, field: 2)
            writer.writeMessage(entry, field: 3)
        }
        for allocation in allocations {
            var entry = ProtobufWriter()
            entry.writeStringIfNotEmpty(allocation.name, field: 1)
            entry.writeBytes(allocation.address.bytes, field: 2)
            entry.writeRecord(allocation.vesting, field: 3)
            writer.writeMessage(entry, field: 4)
        }
        for stake in stakes {
            var entry = ProtobufWriter()
            entry.writeBytes(stake.address.bytes, field: 1)
            entry.writeVarint(UInt64(stake.role.rawValue), field: 2)
            entry.writeAmount(stake.amount, field: 3)
            writer.writeMessage(entry, field: 5)
        }
        writer.writeAmount(treasury, field: 6)
        for parameter in GovernedParameter.all {
            var entry = ProtobufWriter()
            entry.writeString(parameter.name, field: 1)
            entry.writeAmount(parameters[parameter], field: 2)
            writer.writeMessage(entry, field: 7)
        }
        return writer.bytes
    }

    /// The chain's identity.
    public var hash: [UInt8] {
        BLAKE2b256.hash(Array("oln-genesis".utf8) + canonicalBytes)
    }

    /// Writes the initial state.
    func write(into state: LedgerState) throws {
        for balance in balances {
            try state.credit(balance.address, balance.amount)
        }
        for (index, allocation) in allocations.enumerated() {
            state.setRecord(allocation.vesting, at: StateKey.vesting(allocation.address, allocation: UInt32(index)))
        }
        for stake in stakes {
            try state.addStake(stake.address, stake.role, stake.amount)
        }
        if treasury > 0 { try state.addToTreasury(treasury) }
        for parameter in GovernedParameter.all {
            state.setRecord(AmountRecord(amount: parameters[parameter]), at: StateKey.parameter(parameter.name))
        }
        state.setRecord(ChainRecord(chainID: chainID, genesisHash: hash, height: 0, time: time), at: StateKey.chain)
    }
}
