import Wire

/// A genesis allocation that unlocks over time: `unlockedAtStart` at once, nothing more
/// until `start + cliffSeconds`, then linearly over `durationSeconds`.
public struct VestingRecord: StateRecord {
    public var total: Amount = 0
    public var claimed: Amount = 0
    public var start: UInt64 = 0
    public var cliffSeconds: UInt64 = 0
    public var durationSeconds: UInt64 = 0
    public var unlockedAtStart: Amount = 0

    public init(total: Amount, unlockedAtStart: Amount, start: UInt64, cliffSeconds: UInt64, durationSeconds: UInt64) {
        precondition(unlockedAtStart <= total, "more unlocked at the start than allocated")
        self.total = total
        self.unlockedAtStart = unlockedAtStart
        self.start = start
        self.cliffSeconds = cliffSeconds
        self.durationSeconds = durationSeconds
    }

    /// How much has vested at `time`, claimed or not.
    public func vested(at time: UInt64) -> Amount {
        let linearStart = start &+ cliffSeconds
        guard time >= linearStart else { return time >= start ? unlockedAtStart : 0 }
        let elapsed = time - linearStart
        guard durationSeconds > 0, elapsed < durationSeconds else { return total }
        let vesting = total - unlockedAtStart
        return unlockedAtStart + CheckedArithmetic.proportion(
            of: vesting, numerator: Amount(elapsed), denominator: Amount(durationSeconds))
    }

    /// Still locked: allocated and not yet claimed.
    public var locked: Amount { total - claimed }

    func encode(to writer: inout ProtobufWriter) {
        writer.writeAmount(total, field: 1)
        writer.writeAmount(claimed, field: 2)
        writer.writeVarintIfNonZero(start, field: 3)
        writer.writeVarintIfNonZero(cliffSeconds, field: 4)
        writer.writeVarintIfNonZero(durationSeconds, field: 5)
        writer.writeAmount(unlockedAtStart, field: 6)
    }

    init(from reader: inout ProtobufReader) throws(WireError) {
        while let field = try reader.next() {
            switch field.number {
            case 1: total = try field.amount()
            case 2: claimed = try field.amount()
            case 3: start = try field.uint64()
            case 4: cliffSeconds = try field.uint64()
            case 5: durationSeconds = try field.uint64()
            case 6: unlockedAtStart = try field.amount()
            default: throw .unknownField(field.number)
            }
        }
        guard unlockedAtStart <= total, claimed <= total else { throw .valueOutOfRange("vesting amounts above the total") }
    }
}
