/// SIMD dot products of one stored weight row with a Float vector arranged for the row's
/// type (`InputLayout`), one function per stored type, reading the row with unaligned loads.
/// F16 and BF16 rows are unpacked with 4-lane shifts and masks, each one vector instruction on
/// any x86-64 or arm64 target (the standard library's SIMD element conversions compile to
/// out-of-line calls, which made F16 rows ten times slower).
///
/// Each function accumulates in fixed lanes and sums them in lane order at the end, so its
/// result is a pure function of its inputs. `count` is the row length in elements; for the
/// block types a whole number of 32-element blocks (WeightMatrix checks this).
enum RowDot {
    /// Elements per block of the block types.
    static let blockLength = 32

    @inline(__always)
    private static func lanes(_ base: UnsafeRawPointer, _ element: Int) -> SIMD4<Float> {
        base.loadUnaligned(fromByteOffset: element * 4, as: SIMD4<Float>.self)
    }

    /// Σ row[i]·vector[i] over Float elements (stored order).
    @inline(__always)
    static func f32(_ row: UnsafeRawPointer, _ vector: UnsafePointer<Float>, count: Int) -> Float {
        let input = UnsafeRawPointer(vector)
        var first = SIMD4<Float>(), second = SIMD4<Float>(), third = SIMD4<Float>(), fourth = SIMD4<Float>()
        var index = 0
        while index + 16 <= count {
            first += lanes(row, index) * lanes(input, index)
            second += lanes(row, index + 4) * lanes(input, index + 4)
            third += lanes(row, index + 8) * lanes(input, index + 8)
            fourth += lanes(row, index + 12) * lanes(input, index + 12)
            index += 16
        }
        var sum = ((first + second) + (third + fourth)).sum()
        while index < count {
            sum += row.loadUnaligned(fromByteOffset: index * 4, as: Float.self) * vector[index]
            index += 1
        }
        return sum
    }

    /// Σ row[i]·vector[i] over binary16 elements (vector in the pairs layout).
    @inline(__always)
    static func f16(_ row: UnsafeRawPointer, _ vector: UnsafePointer<Float>, count: Int) -> Float {
        let input = UnsafeRawPointer(vector)
        var even = SIMD4<Float>(), odd = SIMD4<Float>()
        var index = 0
        while index + 8 <= count {
            let words = row.loadUnaligned(fromByteOffset: index * 2, as: SIMD4<UInt32>.self)
            even += HalfFloat.floats(words & 0xffff) * lanes(input, index)
            odd += HalfFloat.floats(words &>> 16) * lanes(input, index + 4)
            index += 8
        }
        var sum = (even + odd).sum()
        while index < count {
            sum += HalfFloat.float(row.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self)) * vector[index]
            index += 1
        }
        return sum
    }

    /// Σ row[i]·vector[i] over bfloat16 elements (vector in the pairs layout).
    @inline(__always)
    static func bf16(_ row: UnsafeRawPointer, _ vector: UnsafePointer<Float>, count: Int) -> Float {
        let input = UnsafeRawPointer(vector)
        var even = SIMD4<Float>(), odd = SIMD4<Float>()
        var index = 0
        while index + 8 <= count {
            let words = row.loadUnaligned(fromByteOffset: index * 2, as: SIMD4<UInt32>.self)
            even += unsafeBitCast(words &<< 16, to: SIMD4<Float>.self) * lanes(input, index)
            odd += unsafeBitCast(words & 0xffff_0000, to: SIMD4<Float>.self) * lanes(input, index + 4)
            index += 8
        }
        var sum = (even + odd).sum()
        while index < count {
            let bits = UInt32(row.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self)) << 16
            sum += Float(bitPattern: bits) * vector[index]
            index += 1
        }
        return sum
    }

    // The block types convert with the standard library's SIMD element conversions: measured
    // (OpenLoRABench kernels) they beat the shift-and-mask unpacking above for these layouts,
    // where the compiler turned the byte extractions into shuffles of the vector.

    /// Σ row[i]·vector[i] over Q8_0 blocks: d ‖ int8 q[32], 34 bytes (vector in stored order).
    @inline(__always)
    static func q8_0(_ row: UnsafeRawPointer, _ vector: UnsafePointer<Float>, count: Int) -> Float {
        let input = UnsafeRawPointer(vector)
        var accumulator = SIMD16<Float>()
        for block in 0..<(count / blockLength) {
            let base = row + block * 34
            let scale = HalfFloat.float(base.loadUnaligned(as: UInt16.self))
            let low = SIMD16<Int32>(truncatingIfNeeded: base.loadUnaligned(fromByteOffset: 2, as: SIMD16<Int8>.self))
            let high = SIMD16<Int32>(truncatingIfNeeded: base.loadUnaligned(fromByteOffset: 18, as: SIMD16<Int8>.self))
            let offset = block * blockLength * 4
            let products = SIMD16<Float>(low) * input.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                + SIMD16<Float>(high) * input.loadUnaligned(fromByteOffset: offset + 64, as: SIMD16<Float>.self)
            accumulator += products * scale
        }
        return accumulator.sum()
    }

    /// Σ row[i]·vector[i] over Q4_0 blocks: d ‖ qs[16], 18 bytes, quants biased by 8.
    @inline(__always)
    static func q4_0(_ row: UnsafeRawPointer, _ vector: UnsafePointer<Float>, count: Int) -> Float {
        let input = UnsafeRawPointer(vector)
        var accumulator = SIMD16<Float>()
        for block in 0..<(count / blockLength) {
            let base = row + block * 18
            let scale = HalfFloat.float(base.loadUnaligned(as: UInt16.self))
            let packed = base.loadUnaligned(fromByteOffset: 2, as: SIMD16<UInt8>.self)
            let nibbles = SIMD16<Int32>(truncatingIfNeeded: packed)
            let offset = block * blockLength * 4
            let first = input.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            let second = input.loadUnaligned(fromByteOffset: offset + 64, as: SIMD16<Float>.self)
            let products = SIMD16<Float>((nibbles & 0x0f) &- 8) * first + SIMD16<Float>((nibbles &>> 4) &- 8) * second
            accumulator += products * scale
        }
        return accumulator.sum()
    }

    /// Σ row[i]·vector[i] over Q4_1 blocks: d ‖ m ‖ qs[16], 20 bytes, x = q·d + m.
    @inline(__always)
    static func q4_1(_ row: UnsafeRawPointer, _ vector: UnsafePointer<Float>, count: Int) -> Float {
        let input = UnsafeRawPointer(vector)
        var scaled = SIMD16<Float>(), offsets = SIMD16<Float>()
        for block in 0..<(count / blockLength) {
            let base = row + block * 20
            let scale = HalfFloat.float(base.loadUnaligned(as: UInt16.self))
            let minimum = HalfFloat.float(base.loadUnaligned(fromByteOffset: 2, as: UInt16.self))
            let packed = base.loadUnaligned(fromByteOffset: 4, as: SIMD16<UInt8>.self)
            let nibbles = SIMD16<Int32>(truncatingIfNeeded: packed)
            let offset = block * blockLength * 4
            let first = input.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            let second = input.loadUnaligned(fromByteOffset: offset + 64, as: SIMD16<Float>.self)
            scaled += (SIMD16<Float>(nibbles & 0x0f) * first + SIMD16<Float>(nibbles &>> 4) * second) * scale
            offsets += (first + second) * minimum
        }
        return (scaled + offsets).sum()
    }
}
