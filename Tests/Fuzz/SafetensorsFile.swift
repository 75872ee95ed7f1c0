// fuzz-modules: ModelFiles
// Fuzzes the safetensors header parser on raw bytes: it must never trap; whatever it
// accepts must tile the data section exactly with tensors whose byte counts match their
// shapes, and must survive a write through SafetensorsWriter and a second parse unchanged.
import ModelFiles

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    var limits = SafetensorsLimits.standard
    limits.elementCountMax = 1 << 24
    guard let header = try? SafetensorsHeader(parsing: bytes, limits: limits) else { return 0 }
    var end = header.dataOffset
    for tensor in header.tensors {
        guard tensor.byteRange.lowerBound == end,
              tensor.dtype.byteCount(elementCount: tensor.elementCount) == tensor.byteRange.count else {
            fatalError("accepted tensor \(tensor.name) at \(tensor.byteRange) (expected start \(end))")
        }
        end = tensor.byteRange.upperBound
    }
    guard end == size else { fatalError("accepted a file whose tensors end at \(end) of \(size)") }
    rewrite(header, bytes, limits: limits)
    return 0
}

/// Writes the accepted tensors with SafetensorsWriter and checks the result parses back to
/// the same names, dtypes, shapes and bytes.
private func rewrite(_ header: SafetensorsHeader, _ bytes: UnsafeRawBufferPointer, limits: SafetensorsLimits) {
    var writer = SafetensorsWriter()
    writer.metadata = header.metadata
    for tensor in header.tensors {
        writer.addTensor(named: tensor.name, dtype: tensor.dtype, shape: tensor.shape,
                         bytes: Array(bytes[tensor.byteRange]))
    }
    guard let file = try? SafetensorsFile(bytes: writer.serialized(), limits: limits) else {
        fatalError("SafetensorsWriter wrote a file its reader refuses")
    }
    guard file.header.metadata == header.metadata, file.header.tensors.count == header.tensors.count else {
        fatalError("the rewritten file lost metadata or tensors")
    }
    for tensor in header.tensors {
        guard let copy = file.header.tensor(named: tensor.name), copy.dtype == tensor.dtype,
              copy.shape == tensor.shape,
              file.withUnsafeBytes(of: copy, { $0.elementsEqual(bytes[tensor.byteRange]) }) else {
            fatalError("tensor \(tensor.name) changed in the rewrite")
        }
    }
}
