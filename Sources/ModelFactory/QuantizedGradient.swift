/// A projected gradient as int16 values with one float32 scale per segment: value ≈ q · scale,
/// scale = max|value| / 32767 over the segment (0 for an all-zero segment), q rounded to
/// nearest, ties to even.
public struct QuantizedGradient: Sendable, Equatable {
    /// One scale per segment.
    public let scales: [Float]
    /// The k quantized values, segments concatenated.
    public let values: [Int16]

    /// A quantized gradient as stored.
    public init(scales: [Float], values: [Int16]) {
        self.scales = scales
        self.values = values
    }

    /// `projected` quantized per segment of `segmentOutputSizes` values.
    public init(quantizing projected: [Float], segmentOutputSizes: [Int]) {
        precondition(projected.count == segmentOutputSizes.reduce(0, +), "one value per output")
        var scales: [Float] = [], values: [Int16] = []
        values.reserveCapacity(projected.count)
        var start = 0
        for size in segmentOutputSizes {
            let segment = projected[start..<(start + size)]
            let largest = segment.reduce(Float(0)) { max($0, abs($1)) }
            let scale = largest > 0 ? largest / 32767 : 0
            scales.append(scale)
            for value in segment {
                let level = scale > 0 ? (value / scale).rounded(.toNearestOrEven) : 0
                values.append(Int16(max(-32767, min(32767, level))))
            }
            start += size
        }
        self.scales = scales
        self.values = values
    }

    /// The approximate projected values, q · scale, given the segments' output sizes.
    public func dequantized(segmentOutputSizes: [Int]) -> [Float] {
        precondition(segmentOutputSizes.count == scales.count, "one size per scale")
        var result: [Float] = []
        result.reserveCapacity(values.count)
        var start = 0
        for (size, scale) in zip(segmentOutputSizes, scales) {
            for value in values[start..<(start + size)] { result.append(Float(value) * scale) }
            start += size
        }
        return result
    }
}
