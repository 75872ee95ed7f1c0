// fuzz-modules: Sodium Wire Identity
// Fuzzes binary PeerID decoding: it must never trap, an accepted id re-encodes to the
// same bytes, and an inlined key hashes back to the same id.
import Identity

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let peerID = try? PeerID(bytes: bytes) else { return 0 }
    guard peerID.bytes == bytes else { fatalError("peer id \(peerID) re-encodes differently from \(bytes)") }
    if let key = peerID.inlinedPublicKey, PeerID(publicKey: key) != peerID {
        fatalError("the key inlined in \(peerID) does not give the same peer id")
    }
    return 0
}
