// fuzz-modules: Wire
// Fuzzes Multihash decoding: an accepted multihash re-encodes to exactly its input,
// and reading from a stream agrees with whole-input decoding.
import Wire

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var reader = ByteReader(bytes)
    let streamed = try? Multihash.read(from: &reader)
    if let streamed, Array(bytes.prefix(reader.position)) != streamed.bytes {
        fatalError("streamed multihash \(streamed) does not re-encode to its input")
    }
    guard let multihash = try? Multihash(bytes: bytes) else { return 0 }
    guard multihash.bytes == bytes, multihash == streamed, reader.isAtEnd else {
        fatalError("multihash \(bytes) re-encodes as \(multihash.bytes)")
    }
    guard (try? Multihash(bytes: multihash.bytes)) == multihash else {
        fatalError("multihash \(multihash) does not decode from its own encoding")
    }
    return 0
}
