// fuzz-modules: Sodium Wire Identity Store Ledger Sequencer IO Multistream Noise Yamux P2P Gossip Network Node
// Fuzzes the decoders of /oln/sync/1 (Sources/Node/SyncRequest.swift, SyncResponse.swift,
// SyncEntry.swift) and the length-prefixed framing in front of them. The first byte picks
// the decoder; whatever decodes must re-encode to the same bytes, and a decoded entry is
// taken as far as the batch and certificate decoders go.
import Node
import Wire

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch data[0] % 3 {
    case 0:
        if let request = try? SyncRequest.decode(bytes) {
            precondition(request.encoded == bytes, "a decoded sync request re-encodes differently")
        }
    case 1:
        if let response = try? SyncResponse.decode(bytes) {
            precondition(response.encoded == bytes, "a decoded sync response re-encodes differently")
            for entry in response.entries { _ = try? entry.decoded(chainID: 4_242) }
        }
    default:
        var decoder = VarintFrameDecoder(frameByteCountMax: SyncRequest.byteCountMax)
        for frame in (try? decoder.append(bytes)) ?? [] {
            _ = try? SyncRequest.decode(frame)
        }
    }
    return 0
}
