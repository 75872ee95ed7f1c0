/// Conversion of Float values to ggml blocks, bit for bit as ggml's reference quantizers
/// (`quantize_row_*_ref` in ggml-quants.c) and gguf-py's `gguf.quants.quantize` do it: one
/// scale per 32-element block, computed and applied in Float, scales stored as binary16
/// rounded to nearest even.
///
///     Q8_0  d = max|x| / 127                       q = round(x / d), halves away from zero
///     Q4_0  d = (the x of largest |x|) / −8        q = min(15, trunc(x / d + 8.5))
///     Q4_1  d = (max − min) / 15, m = min          q = min(15, trunc((x − m) / d + 0.5))
///     Q5_0  d = (the x of largest |x|) / −16       q = min(31, trunc(x / d + 16.5))
///     Q5_1  d = (max − min) / 31, m = min          q = min(31, trunc((x − m) / d + 0.5))
///
/// "/ d" is a multiplication by 1/d (0 when d is 0), as in ggml.
public enum GGMLQuantizer {
    /// Whether `quantize(_:to:)` accepts `type`.
    public static func canQuantize(to type: GGMLType) -> Bool { type.isDequantizable }

    /// The bytes of `values` stored as `type`. `values.count` must be a whole number of blocks
    /// and `type` one that `canQuantize(to:)` accepts.
    public static func quantize(_ values: [Float], to type: GGMLType) -> [UInt8] {
        precondition(canQuantize(to: type), "cannot quantize to \(type.name)")
        precondition(values.count % type.blockElementCount == 0, "values are not a whole number of blocks")
        let blockCount = values.count / type.blockElementCount
        var output: [UInt8] = []
        output.reserveCapacity(blockCount * type.blockByteCount)
        values.withUnsafeBufferPointer { source in
            for block in 0..<blockCount {
                let start = block * type.blockElementCount
                let slice = UnsafeBufferPointer(rebasing: source[start..<(start + type.blockElementCount)])
                appendBlock(slice, type, to: &output)
            }
        }
        return output
    }

    private static func appendBlock(_ block: UnsafeBufferPointer<Float>, _ type: GGMLType, to output: inout [UInt8]) {
        switch type {
        case .f32: appendLittleEndian(block[0].bitPattern, to: &output)
        case .f16: appendLittleEndian(HalfPrecision.halfBits(from: block[0]), to: &output)
        case .bf16: appendLittleEndian(HalfPrecision.brainBits(from: block[0]), to: &output)
        case .q8_0: appendQ8_0(block, to: &output)
        case .q4_0: appendSymmetric(block, levels: 16, to: &output)
        case .q4_1: appendAffine(block, levels: 16, to: &output)
        case .q5_0: appendSymmetric(block, levels: 32, to: &output)
        case .q5_1: appendAffine(block, levels: 32, to: &output)
        default: preconditionFailure("cannot quantize to \(type.name)")
        }
    }

    private static func appendLittleEndian<Value: FixedWidthInteger>(_ value: Value, to output: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { output.append(contentsOf: $0) }
    }

    private static func inverse(_ scale: Float) -> Float { scale != 0 ? 1 / scale : 0 }

    /// C's `(int8_t)value` for values that fit; saturating (instead of undefined behaviour)
    /// for those that do not, and 0 for NaN.
    private static func truncatedToInt8(_ value: Float) -> Int {
        if value.isNaN { return 0 }
        return Int(min(127, max(-128, value)).rounded(.towardZero))
    }

    private static func appendQ8_0(_ block: UnsafeBufferPointer<Float>, to output: inout [UInt8]) {
        var largest: Float = 0
        for value in block { largest = max(largest, abs(value)) }
        let scale = largest / 127
        let inverseScale = inverse(scale)
        appendLittleEndian(HalfPrecision.halfBits(from: scale), to: &output)
        for value in block {
            let quant = truncatedToInt8((value * inverseScale).rounded(.toNearestOrAwayFromZero))
            output.append(UInt8(truncatingIfNeeded: quant))
        }
    }

    /// Q4_0 (16 levels) and Q5_0 (32 levels): scale = (the value of largest magnitude) / −(levels / 2).
    private static func appendSymmetric(_ block: UnsafeBufferPointer<Float>, levels: Int,
                                        to output: inout [UInt8]) {
        var largestMagnitude: Float = 0
        var largest: Float = 0
        for value in block where largestMagnitude < abs(value) {
            largestMagnitude = abs(value)
            largest = value
        }
        let scale = largest / -Float(levels / 2)
        let inverseScale = inverse(scale)
        let offset = Float(levels / 2) + 0.5
        let quants = block.map { min(levels - 1, truncatedToInt8($0 * inverseScale + offset)) }
        appendLittleEndian(HalfPrecision.halfBits(from: scale), to: &output)
        appendQuants(quants, levels: levels, to: &output)
    }

    /// Q4_1 (16 levels) and Q5_1 (32 levels): scale = (max − min) / (levels − 1), minimum = min.
    private static func appendAffine(_ block: UnsafeBufferPointer<Float>, levels: Int, to output: inout [UInt8]) {
        var smallest = Float.greatestFiniteMagnitude
        var largest = -Float.greatestFiniteMagnitude
        for value in block {
            if value < smallest { smallest = value }
            if value > largest { largest = value }
        }
        let scale = (largest - smallest) / Float(levels - 1)
        let inverseScale = inverse(scale)
        let quants = block.map { min(levels - 1, truncatedToInt8(($0 - smallest) * inverseScale + 0.5)) }
        appendLittleEndian(HalfPrecision.halfBits(from: scale), to: &output)
        appendLittleEndian(HalfPrecision.halfBits(from: smallest), to: &output)
        appendQuants(quants, levels: levels, to: &output)
    }

    /// Low nibbles hold elements 0..<16, high nibbles 16..<32; for 32 levels the fifth bits
    /// of all 32 elements follow the scale(s) first, as a little-endian UInt32 (bit j: element j).
    private static func appendQuants(_ quants: [Int], levels: Int, to output: inout [UInt8]) {
        if levels == 32 {
            var high: UInt32 = 0
            for (index, quant) in quants.enumerated() { high |= UInt32((quant >> 4) & 1) << UInt32(index) }
            appendLittleEndian(high, to: &output)
        }
        for index in 0..<16 {
            output.append(UInt8(quants[index] & 0x0f) | UInt8(quants[index + 16] & 0x0f) << 4)
        }
    }
}
