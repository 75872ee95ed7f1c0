// fuzz-modules: Sodium Wire Identity
// Fuzzes AccountAddress text parsing: it must never trap, and an accepted address must
// print as a checksummed text that parses back to the same address.
import Identity

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let address = try? AccountAddress(text) else { return 0 }
    guard (try? AccountAddress(address.description)) == address,
          address.description.lowercased() == text.lowercased() else {
        fatalError("address \(address) from \(text.debugDescription) does not round-trip")
    }
    return 0
}
