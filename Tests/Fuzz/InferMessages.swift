// fuzz-modules: Sodium Wire Identity ModelFiles Tensor OpenLoRA Tokenizers LoRATraining ModelFactory Attribution InfluenceAttribution HTTP IO InferenceAPI Store Ledger Sequencer Multistream Noise Yamux P2P Gossip Network Node Hosting
// Fuzzes the messages of /oln/infer/1 (Sources/Hosting/InferRequest.swift, InferResponse.swift)
// and the frame reader of request streams (Sources/Node/RequestFrameReader.swift). The first
// byte picks the decoder (and, for frames, where the bytes are split); whatever decodes must
// re-encode to the same bytes, and no frame over the reader's limit may come out.
import HTTP
import Hosting
import Node

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch data[0] % 3 {
    case 0:
        guard let request = try? InferRequest.decode(bytes, bodyByteCountMax: 1 << 16) else { return 0 }
        precondition(request.encoded == bytes, "a decoded infer request re-encodes differently")
        _ = InferResponse(fitting: HTTPResponse(status: .ok, headers: request.headers, body: request.body))
    case 1:
        guard let response = try? InferResponse.decode(bytes) else { return 0 }
        precondition(response.encoded == bytes, "a decoded infer response re-encodes differently")
    default:
        let split = bytes.isEmpty ? 0 : Int(data[0] / 3) % (bytes.count + 1)
        var reader = RequestFrameReader(byteCountMax: 256)
        let first = try? reader.append(Array(bytes[..<split]))
        let second = try? reader.append(Array(bytes[split...]))
        for case let frame? in [first, second] { precondition(frame.count <= 256, "a frame over the limit was read") }
    }
    return 0
}
