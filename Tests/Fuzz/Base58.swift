// fuzz-modules: Wire
// Fuzzes Base58: text that decodes must re-encode to itself, and any bytes must
// survive encode → decode.
import Wire

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    if let decoded = try? Base58.decode(text, byteCountMax: 256), Base58.encode(decoded) != text {
        fatalError("base58 \(text) decodes to \(decoded), which encodes as \(Base58.encode(decoded))")
    }
    let encoded = Base58.encode(bytes)
    guard (try? Base58.decode(encoded, byteCountMax: bytes.count)) == bytes else {
        fatalError("bytes \(bytes) do not survive base58 encoding as \(encoded)")
    }
    return 0
}
