// fuzz-modules: Sodium Wire Identity
// Fuzzes the opening of signed peer records (libp2p RFC 0002 envelopes holding RFC 0003
// records) and their two decoders: nothing may trap; an envelope that decodes re-encodes to
// an envelope that decodes equal; a record that decodes with every address parsed
// re-encodes to a record that decodes equal, within the limits; and an opened record is
// signed by its own peer and keeps the input bytes.
import Identity
import Wire

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let envelope = try? SignedEnvelope(protobufBytes: bytes) {
        if envelope.protobufBytes.count <= SignedEnvelope.byteCountMax,
           (try? SignedEnvelope(protobufBytes: envelope.protobufBytes)) != envelope {
            fatalError("a decoded envelope does not survive its own encoding")
        }
        _ = try? envelope.verify(domain: PeerRecord.envelopeDomain)
    }
    if let record = try? PeerRecord(protobufBytes: bytes) {
        guard PeerRecord.fits(record.addresses) else { fatalError("a decoded record is over the limits") }
        if record.skippedAddressCount == 0, (try? PeerRecord(protobufBytes: record.protobufBytes)) != record {
            fatalError("a decoded record does not survive its own encoding")
        }
    }
    if let signed = try? SignedPeerRecord(opening: bytes) {
        guard signed.envelope.signerPeerID == signed.peerID, signed.envelopeBytes == bytes else {
            fatalError("an opened record is not its signer's or lost its bytes")
        }
    }
    return 0
}
