import Identity
import Wire

extension ProtobufWriter {
    /// Writes an amount as `bytes`: big-endian without leading zero bytes. Zero, the
    /// default, writes nothing.
    public mutating func writeAmount(_ amount: UInt128, field: Int) {
        guard amount != 0 else { return }
        let byteCount = (UInt128.bitWidth - amount.leadingZeroBitCount + 7) / 8
        var bytes: [UInt8] = []
        bytes.reserveCapacity(byteCount)
        for index in stride(from: byteCount - 1, through: 0, by: -1) {
            bytes.append(UInt8(truncatingIfNeeded: amount >> (index * 8)))
        }
        writeBytes(bytes, field: field)
    }

    /// Writes a 20-byte account address.
    public mutating func writeAccountAddress(_ address: AccountAddress, field: Int) {
        writeBytes(address.bytes, field: field)
    }

    /// Writes a nested ledger message, even an empty one: callers leave out a default
    /// message themselves where the schema makes it optional.
    public mutating func writeMessage(_ message: some LedgerMessageCoding, field: Int) {
        var nested = ProtobufWriter()
        message.encode(to: &nested)
        writeMessage(nested, field: field)
    }
}
