import Identity
import Wire

extension ProtobufWriter {
    /// Writes an amount as `bytes`: big-endian without leading zero bytes. Zero, the
    /// default, writes nothing.
    public mutating func writeAmount(_ amount: UInt128, field: Int) {
        guard amount != 0 else { return }
        let byteCount = (UInt128.bitWidth - amount.leadingZeroBitCount + 7) / 8
        writeBytes(count: byteCount, field: field) { bytes in
            for index in 0..<byteCount {
                bytes[index] = UInt8(truncatingIfNeeded: amount >> ((byteCount - 1 - index) * 8))
            }
        }
    }

    /// Writes a 20-byte account address.
    public mutating func writeAccountAddress(_ address: AccountAddress, field: Int) {
        writeBytes(address.bytes, field: field)
    }

    /// Writes a nested ledger message, even an empty one: callers leave out a default
    /// message themselves where the schema makes it optional.
    public mutating func writeMessage(_ message: some LedgerMessageCoding, field: Int) {
        writeMessage(field: field) { message.encode(to: &$0) }
    }
}
