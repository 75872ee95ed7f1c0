/// A decoded state record held by reference, so that a `LedgerState` slot shares its record
/// instead of copying it, and finds its type by comparing type identifiers instead of an
/// existential or generic class cast (the records with amounts are 16-byte aligned, so an
/// existential would box them anyway, and a cast to a generic class looks its metadata up
/// on every call).
final class StateRecordBox<Record: StateRecord>: AnyStateRecordBox {
    let record: Record
    let recordType = ObjectIdentifier(Record.self)

    init(_ record: Record) {
        self.record = record
    }

    var encoded: [UInt8] {
        record.encoded
    }
}

/// A `StateRecordBox` of any record type.
protocol AnyStateRecordBox: AnyObject, Sendable {
    /// The record's stored bytes.
    var encoded: [UInt8] { get }
    /// The identifier of the record's type.
    var recordType: ObjectIdentifier { get }
}

extension Optional where Wrapped == any AnyStateRecordBox {
    /// The boxed record when it is a `Record`.
    func record<Record: StateRecord>(_ type: Record.Type) -> Record? {
        guard let box = self, box.recordType == ObjectIdentifier(Record.self) else { return nil }
        return unsafeDowncast(box, to: StateRecordBox<Record>.self).record
    }
}
