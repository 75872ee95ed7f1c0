/// Slots of a fixed length counted from the genesis time: slot 0 starts at genesis.
public struct SlotClock: Sendable, Equatable {
    /// Genesis time in milliseconds since 1970.
    public let genesisMilliseconds: UInt64
    public let slotMilliseconds: UInt64

    /// - Precondition: `slotMilliseconds > 0`.
    public init(genesisSeconds: UInt64, slotMilliseconds: UInt64) {
        precondition(slotMilliseconds > 0, "slots have a length")
        let (genesis, overflow) = genesisSeconds.multipliedReportingOverflow(by: 1_000)
        precondition(!overflow, "genesis time out of range")
        genesisMilliseconds = genesis
        self.slotMilliseconds = slotMilliseconds
    }

    /// The slot that contains `milliseconds` since 1970; nil before genesis.
    public func slot(atMilliseconds milliseconds: UInt64) -> UInt64? {
        guard milliseconds >= genesisMilliseconds else { return nil }
        return (milliseconds - genesisMilliseconds) / slotMilliseconds
    }

    /// When `slot` starts, in milliseconds since 1970 (saturating).
    public func startMilliseconds(of slot: UInt64) -> UInt64 {
        let (offset, overflow) = slot.multipliedReportingOverflow(by: slotMilliseconds)
        let (start, overflowAgain) = genesisMilliseconds.addingReportingOverflow(offset)
        return overflow || overflowAgain ? UInt64.max : start
    }

    /// The time a batch of `slot` carries: the slot's start in whole seconds.
    public func batchTime(of slot: UInt64) -> UInt64 {
        startMilliseconds(of: slot) / 1_000
    }
}
