// fuzz-modules: Wire
// Fuzzes Multiaddr text parsing: an accepted address prints in a form that parses
// back to itself, and its binary form decodes to the same address.
import Wire

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let address = try? Multiaddr(text) else { return 0 }
    let printed = address.description
    guard let reparsed = try? Multiaddr(printed), reparsed == address, reparsed.description == printed else {
        fatalError("multiaddr \(text) prints as \(printed), which does not parse back")
    }
    guard let decoded = try? Multiaddr(bytes: address.bytes), decoded == address else {
        fatalError("multiaddr \(text) encodes as \(address.bytes), which does not decode back")
    }
    return 0
}
