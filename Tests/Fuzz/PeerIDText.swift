// fuzz-modules: Sodium Wire Identity
// Fuzzes PeerID text parsing (base58btc and CIDv1): it must never trap, and an accepted
// peer id must print to texts that parse back to the same id.
import Identity

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let peerID = try? PeerID(text) else { return 0 }
    guard (try? PeerID(peerID.description)) == peerID, (try? PeerID(peerID.cidText)) == peerID else {
        fatalError("peer id \(peerID) from \(text.debugDescription) does not round-trip through its text forms")
    }
    return 0
}
