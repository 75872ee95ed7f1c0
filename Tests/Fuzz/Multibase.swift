// fuzz-modules: Wire
// Fuzzes Multibase (and through it Base58, Base32 and Base16): text that decodes
// must re-encode to itself, and bytes must survive every encoding.
import Wire

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    if let (encoding, decoded) = try? Multibase.decodeReportingEncoding(text, byteCountMax: 512),
       Multibase.encode(decoded, base: encoding) != text {
        fatalError("multibase \(text) decodes to \(decoded), which encodes differently")
    }
    for encoding in MultibaseEncoding.allCases {
        let encoded = Multibase.encode(bytes, base: encoding)
        guard (try? Multibase.decode(encoded, byteCountMax: bytes.count)) == bytes else {
            fatalError("bytes \(bytes) do not survive multibase encoding as \(encoded)")
        }
    }
    return 0
}
