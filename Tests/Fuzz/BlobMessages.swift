// fuzz-modules: Sodium Wire Identity Store Ledger Sequencer IO Multistream Noise Yamux P2P Gossip Network Node
// Fuzzes the decoders of /oln/blob/1 (Sources/Node/BlobRequest.swift, BlobResponse.swift)
// and a download fed whatever decodes. The first byte picks the decoder; whatever decodes
// must re-encode to the same bytes.
import Node

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    if data[0] % 2 == 0 {
        if let request = try? BlobRequest.decode(bytes) {
            precondition(request.encoded == bytes, "a decoded blob request re-encodes differently")
        }
    } else if let response = try? BlobResponse.decode(bytes) {
        precondition(response.encoded == bytes, "a decoded blob response re-encodes differently")
        var download = BlobDownload(hash: [UInt8](repeating: 1, count: 32), byteCountMax: 1 << 20)
        if let request = download.nextRequest(id: response.id == 0 ? 1 : response.id) {
            _ = try? download.accept(response, for: request)
        }
    }
    return 0
}
