// fuzz-modules: Sodium Wire Identity
// Fuzzes key file decoding: it must never trap, and an accepted key must encode to a
// file that decodes to the same key.
import Identity

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let key = try? KeyFile.decode(bytes) else { return 0 }
    guard let again = try? KeyFile.decode(KeyFile.encode(key)), again.peerID == key.peerID else {
        fatalError("key \(key.peerID) does not round-trip through its key file encoding")
    }
    return 0
}
