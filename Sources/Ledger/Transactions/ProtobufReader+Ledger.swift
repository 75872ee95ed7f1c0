import Wire

extension ProtobufReader {
    /// The next field, checked for canonical order whatever this reader's strictness:
    /// field numbers never decrease, and only the `repeatable` fields appear more than once.
    /// `previous` holds the last field number read (0 before the first).
    public mutating func nextField(after previous: inout Int, repeatable: Int...) throws(WireError) -> ProtobufField? {
        guard let field = try next() else { return nil }
        if field.number < previous {
            throw .fieldsOutOfOrder(previous: previous, next: field.number)
        }
        if field.number == previous && !repeatable.contains(field.number) {
            throw .duplicateField(field.number)
        }
        previous = field.number
        return field
    }

    /// The ledger message held in `field`, read one level deeper with this reader's limits.
    public func nestedMessage<Message: LedgerMessageCoding>(
        _ type: Message.Type, in field: ProtobufField
    ) throws(WireError) -> Message {
        var nested = try nestedReader(for: field)
        return try Message(from: &nested)
    }
}
