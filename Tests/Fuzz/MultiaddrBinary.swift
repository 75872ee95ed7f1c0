// fuzz-modules: Wire
// Fuzzes binary Multiaddr decoding: an accepted address re-encodes to exactly its
// input, and its text form parses back to the same address.
import Wire

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let address = try? Multiaddr(bytes: bytes) else { return 0 }
    guard address.bytes == bytes else {
        fatalError("multiaddr \(bytes) re-encodes as \(address.bytes)")
    }
    let text = address.description
    guard let reparsed = try? Multiaddr(text), reparsed == address, reparsed.description == text else {
        fatalError("multiaddr text \(text) does not parse back to \(address.components)")
    }
    return 0
}
