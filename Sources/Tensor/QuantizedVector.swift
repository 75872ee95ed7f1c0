/// A Float vector quantized to 8 bits in 32-element blocks, the form the integer row dot
/// products (`BlockDot`) read: ggml's Q8_0/Q8_1 activation blocks (x ≈ q·d, q in −127…127,
/// d = max|x| / 127, q rounded to nearest, ties to even), with the quantized values held as
/// Int16 in the order the kernels unpack weight bytes, so that a kernel multiplies 8 lanes of
/// 16-bit integers at a time with no lane shuffles or sign extensions of the vector.
///
/// A vector is quantized once per matrix-vector product and read by every row. It views
/// memory the caller provides (`byteCount(blockCount:)` bytes, 16-byte aligned):
///
///     values  Int16[32] per block: a[0], a[2], …, a[14] ‖ a[1], a[3], …, a[15] ‖
///             a[16], a[18], …, a[30] ‖ a[17], a[19], …, a[31]     (64 bytes per block)
///     scales  Float per block: d
///     sums    Float per block: d · Σ q, the block's sum (for Q4_1's minimum and Q4_0's bias)
///
/// The order is the one a row's block yields when its bytes are read as eight 16-bit words:
/// a Q4 block's word i holds elements 2i (bits 0–3), 16+2i (4–7), 2i+1 (8–11), 17+2i (12–15);
/// a Q8_0 block's words hold elements 2i (low byte) and 2i+1 (high byte) of each half.
struct QuantizedVector {
    /// The first byte of the values; 16-byte aligned.
    let base: UnsafeMutableRawPointer
    /// The number of 32-element blocks.
    let blockCount: Int

    /// Elements per block.
    static let blockLength = 32
    /// Bytes of the values of one block.
    static let blockValueByteCount = 64
    /// The alignment `base` needs (the kernels read the values as aligned 16-byte vectors).
    static let alignment = 16

    /// The bytes a vector of `blockCount` blocks occupies.
    static func byteCount(blockCount: Int) -> Int { blockCount * (blockValueByteCount + 8) }

    /// A view of `base` for `blockCount` blocks.
    init(base: UnsafeMutableRawPointer, blockCount: Int) {
        precondition(Int(bitPattern: base) % Self.alignment == 0, "quantized vector storage is not 16-byte aligned")
        precondition(blockCount >= 0, "negative block count")
        self.base = base
        self.blockCount = blockCount
    }

    /// The values of block `block`: four aligned groups of eight.
    @inline(__always)
    func values(_ block: Int) -> UnsafePointer<SIMD8<Int16>> {
        UnsafePointer((base + block * Self.blockValueByteCount).assumingMemoryBound(to: SIMD8<Int16>.self))
    }

    /// The scales d, one per block.
    @inline(__always)
    var scales: UnsafeMutablePointer<Float> {
        (base + blockCount * Self.blockValueByteCount).assumingMemoryBound(to: Float.self)
    }

    /// The block sums d · Σ q, one per block.
    @inline(__always)
    var sums: UnsafeMutablePointer<Float> { scales + blockCount }

    /// The position of element `element` (0..<32) within its block's values.
    @inline(__always)
    static func slot(ofElement element: Int) -> Int {
        (element & 16) + (element & 1) * 8 + (element & 15) >> 1
    }

    /// Quantizes `vector` (blockCount · 32 values) into this storage.
    func quantize(_ vector: UnsafePointer<Float>) {
        for block in 0..<blockCount {
            quantizeBlock(vector + block * Self.blockLength, block)
        }
    }

    /// Adding 1.5·2²³ to a Float of magnitude below 2²² rounds it to an integer (to nearest,
    /// ties to even) held in the low mantissa bits: a rounding that needs no SSE4.1.
    private static let roundingBias: Float = 0x1.8p23

    @inline(__always)
    private func quantizeBlock(_ source: UnsafePointer<Float>, _ block: Int) {
        let raw = UnsafeRawPointer(source)
        var largest = SIMD4<Float>()
        for group in 0..<8 {
            let lanes = raw.loadUnaligned(fromByteOffset: group * 16, as: SIMD4<UInt32>.self) & 0x7fff_ffff
            largest = pointwiseMax(largest, unsafeBitCast(lanes, to: SIMD4<Float>.self))
        }
        let maximum = largest.max()
        let scale = maximum / 127
        let inverse: Float = maximum > 0 ? 127 / maximum : 0
        let destination = (base + block * Self.blockValueByteCount).assumingMemoryBound(to: Int16.self)
        var total: Int32 = 0
        for element in 0..<Self.blockLength {
            let shifted = source[element] * inverse + Self.roundingBias
            let quantized = Int32(bitPattern: shifted.bitPattern) &- Int32(bitPattern: Self.roundingBias.bitPattern)
            destination[Self.slot(ofElement: element)] = Int16(truncatingIfNeeded: quantized)
            total &+= quantized
        }
        scales[block] = scale
        sums[block] = scale * Float(total)
    }
}
