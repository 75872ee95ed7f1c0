import Wire

/// A value kept in the ledger state, stored as canonical protobuf so that every peer
/// stores, and hashes into the state root, the same bytes.
protocol StateRecord: Sendable, Equatable {
    func encode(to writer: inout ProtobufWriter)
    init(from reader: inout ProtobufReader) throws(WireError)
}

extension StateRecord {
    var encoded: [UInt8] {
        var writer = ProtobufWriter()
        encode(to: &writer)
        return writer.bytes
    }

    /// Decodes a record read from our own database; a failure means the database was
    /// damaged or written by other software.
    static func decodeStored(_ bytes: [UInt8]) throws(LedgerError) -> Self {
        do {
            var reader = try ProtobufReader(bytes, limits: .standard, strictness: .canonical)
            return try Self(from: &reader)
        } catch {
            throw .corruptState("a stored \(Self.self) does not decode: \(error)")
        }
    }
}
