/// IEEE binary16 to Float conversion, exact for every value (normal, subnormal, zero,
/// infinity, NaN), written with integer and Float lane operations only, so that it
/// vectorizes on any x86-64 or arm64 target (no F16C, no out-of-line SIMD conversions).
///
/// A binary16 value with exponent field e and mantissa m, shifted left by 13 bits, is a Float
/// bit pattern with the same fields; multiplied by 2¹¹² it has the binary16 value for every
/// finite input, subnormals included (the product is exact). Exponent field 31 (infinity,
/// NaN) is mapped to Float's exponent field 255 instead.
enum HalfFloat {
    private static let rebias: Float = 0x1p112

    /// The Float value of binary16 bits.
    @inline(__always)
    static func float(_ bits: UInt16) -> Float {
        let magnitude = UInt32(bits & 0x7fff) << 13
        let sign = UInt32(bits & 0x8000) << 16
        if bits & 0x7c00 == 0x7c00 { return Float(bitPattern: sign | 0x7f80_0000 | magnitude) }
        return Float(bitPattern: sign | (Float(bitPattern: magnitude) * rebias).bitPattern)
    }

    /// The Float values of four binary16 bit patterns, one in the low 16 bits of each lane
    /// (the high bits must be zero).
    @inline(__always)
    static func floats(_ bits: SIMD4<UInt32>) -> SIMD4<Float> {
        let magnitude = (bits & 0x7fff) &<< 13
        let sign = (bits & 0x8000) &<< 16
        let finite = unsafeBitCast(unsafeBitCast(magnitude, to: SIMD4<Float>.self) * rebias, to: SIMD4<UInt32>.self)
        let isSpecial = 0 &- (((bits & 0x7c00) &+ 0x0400) &>> 15)  // all ones where the exponent field is 31
        let merged = finite ^ ((finite ^ (magnitude | 0x7f80_0000)) & isSpecial)
        return unsafeBitCast(sign | merged, to: SIMD4<Float>.self)
    }
}
