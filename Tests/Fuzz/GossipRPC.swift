// fuzz-modules: Wire Sodium Identity Gossip
// Fuzzes the pubsub RPC decoder, the stream decoder and message verification: nothing may
// trap, whatever decodes must re-encode to bytes that decode to the same RPC, and the
// stream decoder must agree with the one-shot decoder however the frame is split.
import Gossip
import Wire

private let limits: GossipRPCLimits = {
    var limits = GossipRPCLimits.standard
    limits.rpcByteCountMax = 1 << 16
    limits.messageIDCountMax = 64
    limits.prunePeerCountMax = 8
    return limits
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let decoded = try? GossipRPC(protobufBytes: bytes, limits: limits)
    checkStream(bytes, expected: decoded)
    guard let rpc = decoded else { return 0 }
    let encoded = rpc.protobufBytes
    guard let again = try? GossipRPC(protobufBytes: encoded, limits: limits), again == rpc,
          again.protobufBytes == encoded else {
        fatalError("RPC \(bytes) re-encodes to \(encoded), which does not decode to the same RPC")
    }
    for message in rpc.messages {
        _ = try? message.verify(policy: .strictSign)
        _ = try? message.verify(policy: .strictNoSign)
        _ = GossipMessageIDFunction.authorAndSequence.messageID(for: message)
    }
    for version in GossipProtocolVersion.allCases {
        _ = rpc.restricted(to: version).protobufBytes
    }
    return 0
}

/// Feeds the input as one frame, split in two at a point chosen by the input itself.
private func checkStream(_ bytes: [UInt8], expected: GossipRPC?) {
    let framed = VarintFrameDecoder.frame(bytes)
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % framed.count
    var stream = GossipRPCStreamDecoder(limits: limits)
    do {
        let first = try stream.append(framed.prefix(split))
        let second = try stream.append(framed.dropFirst(split))
        guard first + second == (expected.map { [$0] } ?? []) else {
            fatalError("stream decoder disagrees with the one-shot decoder on \(bytes)")
        }
    } catch {
        guard expected == nil else { fatalError("stream decoder refuses \(bytes): \(error)") }
    }
}
