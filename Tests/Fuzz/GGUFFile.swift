// fuzz-modules: ModelFiles
// Fuzzes the GGUF header parser on raw bytes: it must never trap, and whatever it accepts
// must describe tensors that lie inside the input, aligned and not overlapping, whose views
// can be read (and dequantized, where the type allows) without leaving the buffer.
import ModelFiles

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    var limits = GGUFLimits.standard
    limits.elementCountMax = 1 << 24  // keeps dequantizing accepted tensors cheap
    guard let header = try? GGUFHeader(parsing: bytes, limits: limits) else { return 0 }
    var previousEnd = 0
    for tensor in header.tensors.sorted(by: { $0.byteRange.lowerBound < $1.byteRange.lowerBound })
    where !tensor.byteRange.isEmpty {
        guard tensor.byteRange.upperBound <= size, tensor.offset % header.alignment == 0,
              tensor.byteRange.lowerBound >= previousEnd else {
            fatalError("accepted tensor \(tensor.name) at \(tensor.byteRange) in a \(size)-byte file")
        }
        previousEnd = tensor.byteRange.upperBound
    }
    guard let file = try? GGUFFile(buffer: ModelFileBuffer(copying: bytes), limits: limits) else {
        fatalError("a copy of accepted bytes was refused")
    }
    for view in file.tensors where view.type.isDequantizable {
        guard let values = try? view.dequantize(), values.count == view.elementCount else {
            fatalError("tensor \(view.name) did not dequantize to \(view.elementCount) values")
        }
    }
    return 0
}
