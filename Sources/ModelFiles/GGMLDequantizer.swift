/// Conversion of ggml blocks to Float, exactly as ggml's `dequantize_row_*` functions and
/// gguf-py's `gguf.quants.dequantize` define it.
///
/// Block layouts (little-endian; d, m: binary16 scale and minimum; qs, qh: quant bits):
///
///     Q8_0  d ‖ qs[32] int8                       x[j] = qs[j]·d
///     Q4_0  d ‖ qs[16]                            x[j] = ((qs[j] & 0xf) − 8)·d        j < 16
///                                                 x[j+16] = ((qs[j] >> 4) − 8)·d
///     Q4_1  d ‖ m ‖ qs[16]                        x[j] = (qs[j] & 0xf)·d + m, high nibble j+16
///     Q5_0  d ‖ qh[4] ‖ qs[16]                    x[j] = ((qs nibble | bit j of qh << 4) − 16)·d
///     Q5_1  d ‖ m ‖ qh[4] ‖ qs[16]                x[j] = (qs nibble | bit j of qh << 4)·d + m
public enum GGMLDequantizer {
    /// Converts the whole blocks in `source` (a multiple of the type's block size) to Float,
    /// writing `source.count / blockByteCount · blockElementCount` values to `destination`.
    /// Throws `.unsupportedType` for a type `isDequantizable` is false for.
    public static func dequantize(_ type: GGMLType, from source: UnsafeRawBufferPointer,
                                  into destination: UnsafeMutableBufferPointer<Float>) throws(ModelFileError) {
        try requireSupported(type)
        precondition(source.count % type.blockByteCount == 0, "source is not a whole number of blocks")
        let blockCount = source.count / type.blockByteCount
        precondition(destination.count >= blockCount * type.blockElementCount, "destination too small")
        guard let base = source.baseAddress, let output = destination.baseAddress, blockCount > 0 else { return }
        convert(type, base, output, blockCount: blockCount)
    }

    /// The Float values of the whole blocks in `source`.
    public static func dequantize(_ type: GGMLType, from source: UnsafeRawBufferPointer) throws(ModelFileError)
        -> [Float] {
        try requireSupported(type)
        precondition(source.count % type.blockByteCount == 0, "source is not a whole number of blocks")
        let blockCount = source.count / type.blockByteCount
        let count = blockCount * type.blockElementCount
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = source.baseAddress, let output = buffer.baseAddress, blockCount > 0 {
                convert(type, base, output, blockCount: blockCount)
            }
            initialized = count
        }
    }

    /// Throws `.unsupportedType` unless `type` can be converted to Float.
    public static func requireSupported(_ type: GGMLType) throws(ModelFileError) {
        guard type.isDequantizable else {
            throw ModelFileError(.unsupportedType, at: nil, "\(type.name) tensors cannot be converted to Float")
        }
    }

    private static func convert(_ type: GGMLType, _ base: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>,
                                blockCount: Int) {
        switch type {
        case .f32: copyFloats(base, output, count: blockCount)
        case .f16: widenHalves(base, output, count: blockCount)
        case .bf16: widenBrainFloats(base, output, count: blockCount)
        case .q8_0: dequantizeQ8_0(base, output, blockCount: blockCount)
        case .q4_0: dequantizeQ4_0(base, output, blockCount: blockCount)
        case .q4_1: dequantizeQ4_1(base, output, blockCount: blockCount)
        case .q5_0: dequantizeQ5(base, output, blockCount: blockCount, hasMinimum: false)
        case .q5_1: dequantizeQ5(base, output, blockCount: blockCount, hasMinimum: true)
        default: preconditionFailure("\(type.name) is not dequantizable")
        }
    }

    private static func half(_ base: UnsafeRawPointer, _ offset: Int) -> Float {
        HalfPrecision.float(fromHalf: UInt16(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
    }

    private static func copyFloats(_ base: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count {
            let bits = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
            output[index] = Float(bitPattern: bits)
        }
    }

    private static func widenHalves(_ base: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count { output[index] = half(base, index * 2) }
    }

    private static func widenBrainFloats(_ base: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>,
                                         count: Int) {
        for index in 0..<count {
            let bits = UInt16(littleEndian: base.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self))
            output[index] = HalfPrecision.float(fromBrain: bits)
        }
    }

    private static func dequantizeQ8_0(_ base: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>,
                                       blockCount: Int) {
        for block in 0..<blockCount {
            let start = block * 34
            let scale = half(base, start)
            let values = output + block * 32
            for index in 0..<32 {
                let quant = Int8(bitPattern: base.load(fromByteOffset: start + 2 + index, as: UInt8.self))
                values[index] = Float(quant) * scale
            }
        }
    }

    private static func dequantizeQ4_0(_ base: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>,
                                       blockCount: Int) {
        for block in 0..<blockCount {
            let start = block * 18
            let scale = half(base, start)
            let values = output + block * 32
            for index in 0..<16 {
                let byte = base.load(fromByteOffset: start + 2 + index, as: UInt8.self)
                values[index] = Float(Int(byte & 0x0f) - 8) * scale
                values[index + 16] = Float(Int(byte >> 4) - 8) * scale
            }
        }
    }

    private static func dequantizeQ4_1(_ base: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>,
                                       blockCount: Int) {
        for block in 0..<blockCount {
            let start = block * 20
            let scale = half(base, start)
            let minimum = half(base, start + 2)
            let values = output + block * 32
            for index in 0..<16 {
                let byte = base.load(fromByteOffset: start + 4 + index, as: UInt8.self)
                values[index] = Float(byte & 0x0f) * scale + minimum
                values[index + 16] = Float(byte >> 4) * scale + minimum
            }
        }
    }

    private static func dequantizeQ5(_ base: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>,
                                     blockCount: Int, hasMinimum: Bool) {
        let blockBytes = hasMinimum ? 24 : 22
        for block in 0..<blockCount {
            let start = block * blockBytes
            let scale = half(base, start)
            let minimum: Float = hasMinimum ? half(base, start + 2) : 0
            let highStart = start + (hasMinimum ? 4 : 2)
            let high = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: highStart, as: UInt32.self))
            let values = output + block * 32
            for index in 0..<16 {
                let byte = base.load(fromByteOffset: highStart + 4 + index, as: UInt8.self)
                let low = Int(byte & 0x0f) | Int((high >> UInt32(index)) & 1) << 4
                let upper = Int(byte >> 4) | Int((high >> UInt32(index + 16)) & 1) << 4
                if hasMinimum {
                    values[index] = Float(low) * scale + minimum
                    values[index + 16] = Float(upper) * scale + minimum
                } else {
                    values[index] = Float(low - 16) * scale
                    values[index + 16] = Float(upper - 16) * scale
                }
            }
        }
    }
}
