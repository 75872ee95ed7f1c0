import ModelFiles

/// Integer dot products of one stored Q8_0, Q4_0 or Q4_1 row with a `QuantizedVector`, as
/// ggml computes them (ggml_vec_dot_q4_0_q8_0 and its kin): per 32-element block the weights'
/// and the vector's integers are multiplied and summed exactly in integers, then the block
/// sum is scaled once in Float.
///
/// The kernels are written for SSE2, the baseline every x86-64 build targets: a block's bytes
/// are read as eight 16-bit words and unpacked with shifts and masks into four vectors of
/// eight Int16 lanes (the vector is stored in the matching order), multiplied with 16-bit
/// lane products (pmullw), summed in 16-bit lanes where no sum can overflow, and widened to
/// Int32 lanes with shifts. Blocks go four at a time: their sums are folded into one vector
/// of four Int32 lanes, one per block, converted to Float once and multiplied by the four
/// blocks' scales (binary16, converted together).
///
/// Overflow bounds: |q| ≤ 127 in the vector. A Q4 weight is 0…15: a lane's sum of four
/// products is at most 4·15·127 = 7,620, of eight 15,240, of sixteen 30,480 < 2¹⁵. A Q8_0
/// weight is −128…127: two products sum to at most 2·128·127 = 32,512 < 2¹⁵, so Q8_0 widens
/// after every pair. A block's sum is below 2²² in magnitude (Q8_0: 32·128·127 = 520,192),
/// which the Float conversion needs.
///
/// The Float accumulators have fixed lanes summed in lane order, so a result is a pure
/// function of the row and the vector.
enum BlockDot {
    /// Whether `type` has an integer kernel here.
    static func reads(_ type: GGMLType) -> Bool { type == .q8_0 || type == .q4_0 || type == .q4_1 }

    /// Σ row·vector over Q8_0 blocks: d ‖ int8 q[32], 34 bytes per block.
    @inline(__always)
    static func q8_0(_ row: UnsafeRawPointer, _ vector: QuantizedVector) -> Float {
        var accumulator = SIMD4<Float>()
        var block = 0
        while block + 4 <= vector.blockCount {
            let base = row + block * 34
            let sums = transposedSum(q8_0Sum(base, vector.values(block)),
                                     q8_0Sum(base + 34, vector.values(block + 1)),
                                     q8_0Sum(base + 68, vector.values(block + 2)),
                                     q8_0Sum(base + 102, vector.values(block + 3)))
            accumulator += float(sums) * (halfScales(base, stride: 34, count: 4) * load4(vector.scales, block))
            block += 4
        }
        if block < vector.blockCount {
            let count = vector.blockCount - block, base = row + block * 34
            var sums = SIMD4<Int32>()
            for index in 0..<count {
                sums[index] = q8_0Sum(base + index * 34, vector.values(block + index)).wrappedSum()
            }
            let scales = halfScales(base, stride: 34, count: count) * tail(vector.scales, block, count)
            accumulator += float(sums) * scales
        }
        return accumulator.sum()
    }

    /// Σ row·vector over Q4_0 blocks: d ‖ qs[16], 18 bytes, weights (nibble − 8)·d. With
    /// n the nibbles, Σ (n − 8)·q = Σ n·q − 8·Σ q, and d_vector·Σ q is the vector's block sum.
    @inline(__always)
    static func q4_0(_ row: UnsafeRawPointer, _ vector: QuantizedVector) -> Float {
        var accumulator = SIMD4<Float>(), bias = SIMD4<Float>()
        var block = 0
        while block + 4 <= vector.blockCount {
            let base = row + block * 18
            let weightScales = halfScales(base, stride: 18, count: 4)
            let scales = weightScales * load4(vector.scales, block)
            accumulator += float(nibbleSums(base + 2, stride: 18, vector, block)) * scales
            bias += weightScales * load4(vector.sums, block)
            block += 4
        }
        if block < vector.blockCount {
            let count = vector.blockCount - block, base = row + block * 18
            let weightScales = halfScales(base, stride: 18, count: count)
            let sums = nibbleTailSums(base + 2, stride: 18, vector, block, count: count)
            accumulator += float(sums) * (weightScales * tail(vector.scales, block, count))
            bias += weightScales * tail(vector.sums, block, count)
        }
        return accumulator.sum() - 8 * bias.sum()
    }

    /// Σ row·vector over Q4_1 blocks: d ‖ m ‖ qs[16], 20 bytes, weights nibble·d + m. The
    /// minimum contributes m · Σ x ≈ m · (the vector's block sum).
    @inline(__always)
    static func q4_1(_ row: UnsafeRawPointer, _ vector: QuantizedVector) -> Float {
        var accumulator = SIMD4<Float>(), offsets = SIMD4<Float>()
        var block = 0
        while block + 4 <= vector.blockCount {
            let base = row + block * 20
            let scales = halfScales(base, stride: 20, count: 4) * load4(vector.scales, block)
            accumulator += float(nibbleSums(base + 4, stride: 20, vector, block)) * scales
            offsets += halfScales(base + 2, stride: 20, count: 4) * load4(vector.sums, block)
            block += 4
        }
        if block < vector.blockCount {
            let count = vector.blockCount - block, base = row + block * 20
            let sums = nibbleTailSums(base + 4, stride: 20, vector, block, count: count)
            let scales = halfScales(base, stride: 20, count: count) * tail(vector.scales, block, count)
            accumulator += float(sums) * scales
            offsets += halfScales(base + 2, stride: 20, count: count) * tail(vector.sums, block, count)
        }
        return accumulator.sum() + offsets.sum()
    }

    /// The binary16 values at `base + i·stride` for i < count (at most 4); other lanes 0.
    @inline(__always)
    private static func halfScales(_ base: UnsafeRawPointer, stride: Int, count: Int) -> SIMD4<Float> {
        var bits = SIMD4<UInt32>()
        if count == 4 {
            bits = SIMD4(UInt32(base.loadUnaligned(as: UInt16.self)),
                         UInt32(base.loadUnaligned(fromByteOffset: stride, as: UInt16.self)),
                         UInt32(base.loadUnaligned(fromByteOffset: 2 * stride, as: UInt16.self)),
                         UInt32(base.loadUnaligned(fromByteOffset: 3 * stride, as: UInt16.self)))
        } else {
            for index in 0..<count {
                bits[index] = UInt32(base.loadUnaligned(fromByteOffset: index * stride, as: UInt16.self))
            }
        }
        return HalfFloat.floats(bits)
    }

    @inline(__always)
    private static func load4(_ values: UnsafeMutablePointer<Float>, _ index: Int) -> SIMD4<Float> {
        UnsafeRawPointer(values + index).loadUnaligned(as: SIMD4<Float>.self)
    }

    /// values[index..<index + count] (count below 4) in the first lanes, the others 0.
    @inline(__always)
    private static func tail(_ values: UnsafeMutablePointer<Float>, _ index: Int, _ count: Int) -> SIMD4<Float> {
        var lanes = SIMD4<Float>()
        for lane in 0..<count { lanes[lane] = values[index + lane] }
        return lanes
    }

    /// Int32 lanes below 2²² in magnitude as Floats: adding the bits of 1.5·2²³ gives a Float
    /// 1.5·2²³ + x exactly, and subtracting 1.5·2²³ leaves x (no SSE conversion instruction
    /// needed beyond integer and Float adds).
    @inline(__always)
    private static func float(_ lanes: SIMD4<Int32>) -> SIMD4<Float> {
        unsafeBitCast(lanes &+ 0x4b40_0000, to: SIMD4<Float>.self) - 0x1.8p23
    }

    /// [Σ a, Σ b, Σ c, Σ d] of four 4-lane vectors.
    @inline(__always)
    private static func transposedSum(_ a: SIMD4<Int32>, _ b: SIMD4<Int32>, _ c: SIMD4<Int32>,
                                      _ d: SIMD4<Int32>) -> SIMD4<Int32> {
        let ab = SIMD4(a[0], b[0], a[1], b[1]) &+ SIMD4(a[2], b[2], a[3], b[3])
        let cd = SIMD4(c[0], d[0], c[1], d[1]) &+ SIMD4(c[2], d[2], c[3], d[3])
        return SIMD4(ab[0], ab[1], cd[0], cd[1]) &+ SIMD4(ab[2], ab[3], cd[2], cd[3])
    }

    /// The sums Σ nibble·q of Q4 blocks block..<block + 4, whose 16 packed bytes start at
    /// `packed` and `stride` bytes apart, one block per lane.
    @inline(__always)
    private static func nibbleSums(_ packed: UnsafeRawPointer, stride: Int, _ vector: QuantizedVector,
                                   _ block: Int) -> SIMD4<Int32> {
        let ab = foldedPair(nibbleLanes(packed, vector.values(block)),
                            nibbleLanes(packed + stride, vector.values(block + 1)))
        let cd = foldedPair(nibbleLanes(packed + 2 * stride, vector.values(block + 2)),
                            nibbleLanes(packed + 3 * stride, vector.values(block + 3)))
        return SIMD4(ab[0], ab[2], cd[0], cd[2]) &+ SIMD4(ab[1], ab[3], cd[1], cd[3])
    }

    /// The sums of `count` (below 4) Q4 blocks, one per lane, the other lanes 0.
    @inline(__always)
    private static func nibbleTailSums(_ packed: UnsafeRawPointer, stride: Int, _ vector: QuantizedVector,
                                       _ block: Int, count: Int) -> SIMD4<Int32> {
        var sums = SIMD4<Int32>()
        for index in 0..<count {
            let lanes = unsafeBitCast(nibbleLanes(packed + index * stride, vector.values(block + index)),
                                      to: SIMD4<Int32>.self)
            sums[index] = (((lanes &<< 16) &>> 16) &+ (lanes &>> 16)).wrappedSum()
        }
        return sums
    }

    /// Eight Int16 lanes whose sum is Σ nibble·q over one Q4 block's 16 packed bytes (each
    /// lane a sum of four products).
    @inline(__always)
    private static func nibbleLanes(_ packed: UnsafeRawPointer, _ values: UnsafePointer<SIMD8<Int16>>) -> SIMD8<Int16> {
        let words = packed.loadUnaligned(as: SIMD8<UInt16>.self)
        let low = unsafeBitCast(words & 0x000f, to: SIMD8<Int16>.self)
        let nextLow = unsafeBitCast((words &>> 8) & 0x000f, to: SIMD8<Int16>.self)
        let high = unsafeBitCast((words &>> 4) & 0x000f, to: SIMD8<Int16>.self)
        let nextHigh = unsafeBitCast(words &>> 12, to: SIMD8<Int16>.self)
        return (low &* values[0] &+ nextLow &* values[1]) &+ (high &* values[2] &+ nextHigh &* values[3])
    }

    /// Two blocks' eight-lane sums folded into Int32 lanes [a, a, b, b] (each lane a sum of
    /// sixteen products): the halves are added in 16 bits, then each 32-bit lane's two 16-bit
    /// halves are added into its high half (x + x << 16, exact as the sum fits 16 bits) and
    /// shifted down with its sign.
    @inline(__always)
    private static func foldedPair(_ a: SIMD8<Int16>, _ b: SIMD8<Int16>) -> SIMD4<Int32> {
        let first = unsafeBitCast(a, to: SIMD2<Int64>.self), second = unsafeBitCast(b, to: SIMD2<Int64>.self)
        let lows = unsafeBitCast(SIMD2(first[0], second[0]), to: SIMD8<Int16>.self)
        let highs = unsafeBitCast(SIMD2(first[1], second[1]), to: SIMD8<Int16>.self)
        let words = unsafeBitCast(lows &+ highs, to: SIMD4<Int32>.self)
        return (words &+ (words &<< 16)) &>> 16
    }

    /// Four Int32 lanes whose sum is Σ weight·q over one Q8_0 block (d at `base`).
    @inline(__always)
    private static func q8_0Sum(_ base: UnsafeRawPointer, _ values: UnsafePointer<SIMD8<Int16>>) -> SIMD4<Int32> {
        let first = base.loadUnaligned(fromByteOffset: 2, as: SIMD8<Int16>.self)
        let second = base.loadUnaligned(fromByteOffset: 18, as: SIMD8<Int16>.self)
        let firstPairs = ((first &<< 8) &>> 8) &* values[0] &+ (first &>> 8) &* values[1]
        let secondPairs = ((second &<< 8) &>> 8) &* values[2] &+ (second &>> 8) &* values[3]
        return widenedPairSum(firstPairs) &+ widenedPairSum(secondPairs)
    }

    /// Eight Int16 lanes summed in pairs into four Int32 lanes (sign-extending each half).
    @inline(__always)
    private static func widenedPairSum(_ lanes: SIMD8<Int16>) -> SIMD4<Int32> {
        let words = unsafeBitCast(lanes, to: SIMD4<Int32>.self)
        return ((words &<< 16) &>> 16) &+ (words &>> 16)
    }
}
