/// Conversions between Float and the 16-bit float formats ggml stores: IEEE binary16 (F16)
/// and bfloat16 (BF16). Widening is exact; narrowing rounds to nearest, ties to even, as
/// ggml's GGML_FP32_TO_FP16 and ggml_compute_fp32_to_bf16 do.
enum HalfPrecision {
    /// The Float value of IEEE binary16 bits.
    @inline(__always)
    static func float(fromHalf bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = UInt32(bits >> 10) & 0x1f
        let mantissa = UInt32(bits & 0x03ff)
        if exponent == 0x1f {  // infinity or NaN
            return Float(bitPattern: sign | 0x7f80_0000 | mantissa << 13)
        }
        if exponent == 0 {  // zero or subnormal: mantissa · 2⁻²⁴, exact in Float
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        }
        return Float(bitPattern: sign | (exponent + 112) << 23 | mantissa << 13)
    }

    /// IEEE binary16 bits of `value`, rounded to nearest even (overflow gives infinity).
    static func halfBits(from value: Float) -> UInt16 {
        let bits = value.bitPattern
        let sign = UInt16(truncatingIfNeeded: (bits >> 16) & 0x8000)
        let magnitude = bits & 0x7fff_ffff
        if magnitude > 0x7f80_0000 { return sign | 0x7e00 }  // NaN, quiet
        if magnitude >= 0x4780_0000 {  // ≥ 65536 rounds to infinity whatever the mantissa
            return sign | 0x7c00
        }
        if magnitude < 0x3880_0000 {  // below 2⁻¹⁴: subnormal or zero in binary16
            let scaled = Float(bitPattern: magnitude) * 0x1p24  // exact: in units of 2⁻²⁴
            return sign | UInt16(scaled.rounded(.toNearestOrEven))
        }
        let rebased = magnitude - (112 << 23)
        let roundBit: UInt32 = 1 << 12
        let sticky = rebased & 0x1fff
        var half = rebased >> 13
        if sticky > roundBit || (sticky == roundBit && half & 1 == 1) { half += 1 }
        return sign | UInt16(half)  // a carry into the exponent field is the right result
    }

    /// The Float value of bfloat16 bits (the high half of a Float).
    @inline(__always)
    static func float(fromBrain bits: UInt16) -> Float {
        Float(bitPattern: UInt32(bits) << 16)
    }

    /// bfloat16 bits of `value`, rounded to nearest even; NaN stays a quiet NaN.
    static func brainBits(from value: Float) -> UInt16 {
        let bits = value.bitPattern
        if bits & 0x7fff_ffff > 0x7f80_0000 { return UInt16(bits >> 16) | 64 }
        return UInt16((UInt64(bits) + UInt64(0x7fff + ((bits >> 16) & 1))) >> 16)
    }
}
