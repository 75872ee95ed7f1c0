import Ledger
import Sequencer
import Wire

/// One finalized batch in a sync response, as the archive keeps it: the batch message and
/// the certificate that finalized it, both as they travelled.
///
///     message SyncEntry { bytes batch = 1; bytes certificate = 2; }   // BatchMessage, FinalityCertificate
public struct SyncEntry: Sendable, Equatable {
    public var batch: [UInt8]
    public var certificate: [UInt8]

    public init(batch: [UInt8], certificate: [UInt8]) {
        self.batch = batch
        self.certificate = certificate
    }

    public init(_ archived: ArchivedBatch) {
        self.init(batch: archived.message, certificate: archived.certificate)
    }

    public var encoded: [UInt8] {
        var writer = ProtobufWriter()
        writer.writeBytesIfNotEmpty(batch, field: 1)
        writer.writeBytesIfNotEmpty(certificate, field: 2)
        return writer.bytes
    }

    /// Largest certificate accepted: one signature entry per validator at most.
    public static let certificateByteCountMax = 64 + ValidatorSet.memberCountMax * 104

    static func decode(from reader: inout ProtobufReader) throws(WireError) -> SyncEntry {
        var batch: [UInt8] = []
        var certificate: [UInt8] = []
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: batch = try field.bytes()
            case 2: certificate = try field.bytes()
            default: throw .unknownField(field.number)
            }
        }
        guard !batch.isEmpty, !certificate.isEmpty, certificate.count <= certificateByteCountMax else {
            throw .valueOutOfRange("a sync entry holds a batch and a certificate of at most \(certificateByteCountMax) bytes")
        }
        return SyncEntry(batch: batch, certificate: certificate)
    }

    /// The batch and certificate verified as far as they can be alone: every signature in
    /// the batch (`BatchMessage.decode`) and the certificate's form. The certificate's
    /// signatures and the batch's place in the chain are the consensus machine's to check.
    public func decoded(chainID: UInt64) throws -> (batch: BatchMessage, certificate: FinalityCertificate) {
        let batch = try BatchMessage.decode(self.batch, chainID: chainID)
        var reader = try ProtobufReader(certificate, limits: .standard, strictness: .canonical)
        let certificate = try FinalityCertificate(from: &reader)
        guard certificate.batchHash == batch.hash, certificate.height == batch.header.body.height else {
            throw WireError.valueOutOfRange("the certificate is not for this batch")
        }
        return (batch, certificate)
    }
}
