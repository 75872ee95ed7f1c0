// fuzz-modules: Wire
// Fuzzes Varint.decode with both byte caps: it must never trap, and whatever it
// accepts must be the minimal encoding of the value it returns.
import Wire

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for byteCountMax in [Varint.byteCountMax, Varint.multiformatsByteCountMax] {
        guard let (value, byteCount) = try? Varint.decode(bytes, byteCountMax: byteCountMax) else { continue }
        let encoded = Varint.encode(value)
        if encoded != Array(bytes.prefix(byteCount)) || encoded.count != Varint.encodedByteCount(of: value) {
            fatalError("varint \(bytes.prefix(byteCount)) decoded to \(value), which encodes as \(encoded)")
        }
        var reader = ByteReader(bytes)
        guard (try? reader.readVarint(byteCountMax: byteCountMax)) == value, reader.position == byteCount else {
            fatalError("ByteReader.readVarint disagrees with Varint.decode on \(bytes)")
        }
    }
    return 0
}
