/// A decoded state record held by reference, so that a `LedgerState` slot shares its record
/// instead of copying it, and finds its type with a class check instead of an existential
/// cast (the records with amounts are 16-byte aligned, so an existential would box them
/// anyway).
final class StateRecordBox<Record: StateRecord>: AnyStateRecordBox {
    let record: Record

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
}

extension Optional where Wrapped == any AnyStateRecordBox {
    /// The boxed record when it is a `Record`.
    func record<Record: StateRecord>(_ type: Record.Type) -> Record? {
        (self as? StateRecordBox<Record>)?.record
    }
}
