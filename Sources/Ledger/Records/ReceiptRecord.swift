import Wire

/// An applied inference receipt: who served whom, and how the fee was attributed.
public struct ReceiptRecord: StateRecord {
    public var host: AccountAddress
    public var client: AccountAddress
    public var receipt: InferenceReceipt
    public var time: UInt64
    /// The challenge opened against it, if any.
    public var challengeID: [UInt8] = []

    init(host: AccountAddress, client: AccountAddress, receipt: InferenceReceipt, time: UInt64) {
        self.host = host
        self.client = client
        self.receipt = receipt
        self.time = time
    }

    func encode(to writer: inout ProtobufWriter) {
        writer.writeBytes(host.bytes, field: 1)
        writer.writeBytes(client.bytes, field: 2)
        writer.writeMessage(field: 3) { receipt.encode(to: &$0) }
        writer.writeVarintIfNonZero(time, field: 4)
        writer.writeBytesIfNotEmpty(challengeID, field: 5)
    }

    init(from reader: inout ProtobufReader) throws(WireError) {
        var host: AccountAddress?
        var client: AccountAddress?
        var receipt: InferenceReceipt?
        var (time, challengeID) = (UInt64(0), [UInt8]())
        while let field = try reader.next() {
            switch field.number {
            case 1: host = try field.accountAddress()
            case 2: client = try field.accountAddress()
            case 3:
                var nested = try reader.nestedReader(for: field)
                receipt = try InferenceReceipt(from: &nested)
            case 4: time = try field.uint64()
            case 5: challengeID = try field.hash32()
            default: throw .unknownField(field.number)
            }
        }
        guard let host, let client else { throw .missingField(host == nil ? 1 : 2) }
        guard let receipt else { throw .missingField(3) }
        self.init(host: host, client: client, receipt: receipt, time: time)
        self.challengeID = challengeID
    }
}
