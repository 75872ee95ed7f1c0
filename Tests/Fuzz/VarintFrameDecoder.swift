// fuzz-modules: Wire
// Fuzzes the length-prefixed frame splitter: it must never trap, never buffer more than
// one frame's worth past the limit, and re-framing its frames must give back the consumed bytes.
import Wire

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var decoder = VarintFrameDecoder(frameByteCountMax: 256)
    guard let frames = try? decoder.append(bytes) else { return 0 }
    let consumed = frames.flatMap { VarintFrameDecoder.frame($0) }
    if consumed != Array(bytes.prefix(consumed.count)) || consumed.count + decoder.bufferedByteCount != bytes.count {
        fatalError("frames do not account for the input bytes")
    }
    if decoder.bufferedByteCount > 256 + 10 {
        fatalError("decoder buffered \(decoder.bufferedByteCount) bytes past the frame limit")
    }
    return 0
}
