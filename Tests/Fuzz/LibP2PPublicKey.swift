// fuzz-modules: Wire
// Fuzzes the libp2p key protobufs: an accepted PublicKey or PrivateKey message
// re-encodes to exactly its input (the encoding is deterministic).
import Wire

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let key = try? LibP2PPublicKey(protobufBytes: bytes) {
        guard key.protobufBytes == bytes, (try? LibP2PPublicKey(protobufBytes: key.protobufBytes)) == key else {
            fatalError("public key \(bytes) re-encodes as \(key.protobufBytes)")
        }
    }
    if let key = try? LibP2PPrivateKey(protobufBytes: bytes), key.protobufBytes != bytes {
        fatalError("private key \(bytes) re-encodes as \(key.protobufBytes)")
    }
    return 0
}
