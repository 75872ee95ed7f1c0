import Wire

/// A LoRA adapter announced by a TrainingResult.
public struct AdapterRecord: StateRecord {
    public var trainer: AccountAddress
    public var result: TrainingResult
    public var registeredTime: UInt64

    init(trainer: AccountAddress, result: TrainingResult, registeredTime: UInt64) {
        self.trainer = trainer
        self.result = result
        self.registeredTime = registeredTime
    }

    func encode(to writer: inout ProtobufWriter) {
        writer.writeBytes(trainer.bytes, field: 1)
        writer.writeMessage(field: 2) { result.encode(to: &$0) }
        writer.writeVarintIfNonZero(registeredTime, field: 3)
    }

    init(from reader: inout ProtobufReader) throws(WireError) {
        var trainer: AccountAddress?
        var result: TrainingResult?
        var time: UInt64 = 0
        while let field = try reader.next() {
            switch field.number {
            case 1: trainer = try field.accountAddress()
            case 2:
                var nested = try reader.nestedReader(for: field)
                result = try TrainingResult(from: &nested)
            case 3: time = try field.uint64()
            default: throw .unknownField(field.number)
            }
        }
        guard let trainer else { throw .missingField(1) }
        guard let result else { throw .missingField(2) }
        self.init(trainer: trainer, result: result, registeredTime: time)
    }
}
