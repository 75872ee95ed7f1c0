/// A finalized batch as it travelled, kept beside the state it produced: the bytes of
/// the sequencer's batch message and of the certificate that finalized it. The ledger
/// stores them without reading them; the sequencer defines their format.
public struct ArchivedBatch: Sendable, Equatable {
    public var height: UInt64
    /// The batch's hash (the sequencer's batch identity).
    public var hash: [UInt8]
    public var slot: UInt64
    public var message: [UInt8]
    public var certificate: [UInt8]

    public init(height: UInt64, hash: [UInt8], slot: UInt64, message: [UInt8], certificate: [UInt8]) {
        self.height = height
        self.hash = hash
        self.slot = slot
        self.message = message
        self.certificate = certificate
    }
}
