// fuzz-modules: Wire Sodium Identity Multistream Noise Yamux P2P
// Fuzzes identify message decoding: it must never trap, and an accepted message must
// re-encode to bytes that decode to the same message.
import P2P

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let message = try? IdentifyMessage(bytes: bytes) else { return 0 }
    guard let again = try? IdentifyMessage(bytes: message.bytes),
          again.listenAddresses == message.listenAddresses, again.protocols == message.protocols,
          again.publicKey == message.publicKey, again.agentVersion == message.agentVersion else {
        fatalError("an identify message does not survive re-encoding")
    }
    return 0
}
