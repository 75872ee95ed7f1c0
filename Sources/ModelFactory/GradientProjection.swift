import LoRATraining

/// Projects a gradient to k dimensions, block-diagonally: one block per LoRA module segment
/// of the parameter vector, so that per-layer methods (DataInf) can work on each block.
///
/// Sizes: segment l has d_l parameters and gets k_l = 1 + ⌊(k − S)·d_l / D⌋ outputs (S
/// segments, D = Σ d_l), the k − Σ k_l left over going one each to the segments with the
/// largest remainders (k − S)·d_l mod D, ties to the earlier segment.
///
/// Within a segment the projection is a sparse sign sketch (CountSketch): coordinate j of
/// the whole vector, with h = SplitMix64-hash(seed, j), adds sign·g_j to output
/// bucket = ⌊h · k_l / 2⁶⁴⌋ of its segment, sign = +1 when h is even and −1 when odd. No
/// matrix is stored; ⟨Sx, Sy⟩ is an unbiased estimate of ⟨x, y⟩. Sums run in Double in
/// coordinate order, then round to Float.
public struct GradientProjection: Sendable, Equatable {
    /// The seed of the hash.
    public let seed: UInt64
    /// d_l: parameters per segment, in vector order.
    public let segmentSizes: [Int]
    /// k_l: outputs per segment.
    public let outputSizes: [Int]

    /// The total output dimension k.
    public var dimension: Int { outputSizes.reduce(0, +) }
    /// The input dimension D.
    public var inputDimension: Int { segmentSizes.reduce(0, +) }

    /// A projection of vectors made of `segmentSizes` blocks to `dimension` outputs. Throws
    /// when a segment is empty or k is smaller than the number of segments.
    public init(segmentSizes: [Int], dimension: Int, seed: UInt64) throws(ModelFactoryError) {
        guard !segmentSizes.isEmpty, segmentSizes.allSatisfy({ $0 > 0 }) else {
            throw ModelFactoryError(.invalidConfiguration, "a projection needs at least one non-empty segment")
        }
        guard dimension >= segmentSizes.count, dimension <= TrainingConfiguration.Limits.projectionDimensionMax else {
            throw ModelFactoryError(.invalidConfiguration, "projection dimension \(dimension) must be at least the "
                                    + "\(segmentSizes.count) LoRA modules (one output each) and at most "
                                    + "\(TrainingConfiguration.Limits.projectionDimensionMax)")
        }
        self.seed = seed
        self.segmentSizes = segmentSizes
        outputSizes = Self.allocate(dimension, over: segmentSizes)
    }

    /// The projection of `layout`'s vectors: one segment per module (its A then its B).
    public init(layout: LoRAParameterLayout, dimension: Int, seed: UInt64) throws(ModelFactoryError) {
        let rank = layout.configuration.rank
        try self.init(segmentSizes: layout.segments.map { rank * ($0.inputs + $0.outputs) }, dimension: dimension, seed: seed)
    }

    /// An already allocated projection (a gradient store's header); sizes must agree
    /// (checked by the caller).
    init(seed: UInt64, segmentSizes: [Int], outputSizes: [Int]) {
        self.seed = seed
        self.segmentSizes = segmentSizes
        self.outputSizes = outputSizes
    }

    /// The k projected values of `gradient` (length D), segments' outputs concatenated.
    public func project(_ gradient: [Float]) -> [Float] {
        precondition(gradient.count == inputDimension, "a gradient of this projection's vector")
        var output = [Double](repeating: 0, count: dimension)
        var coordinate = 0, outputBase = 0
        for (size, outputs) in zip(segmentSizes, outputSizes) {
            let width = UInt64(outputs)
            for _ in 0..<size {
                let hash = SeedMixer.mix(seed, .projection, UInt64(coordinate))
                let bucket = outputBase + Int(hash.multipliedFullWidth(by: width).high)
                let value = Double(gradient[coordinate])
                output[bucket] += hash & 1 == 0 ? value : -value
                coordinate += 1
            }
            outputBase += outputs
        }
        return output.map { Float($0) }
    }

    /// `project(gradient)` quantized per segment.
    public func projectAndQuantize(_ gradient: [Float]) -> QuantizedGradient {
        QuantizedGradient(quantizing: project(gradient), segmentOutputSizes: outputSizes)
    }

    static func allocate(_ dimension: Int, over sizes: [Int]) -> [Int] {
        let total = UInt64(sizes.reduce(0, +))
        let spare = UInt64(dimension - sizes.count)
        // (k − S)·d_l can exceed 64 bits for huge models: divide the full-width product.
        let shares = sizes.map { total.dividingFullWidth(spare.multipliedFullWidth(by: UInt64($0))) }
        var outputs = shares.map { 1 + Int($0.quotient) }
        var left = dimension - outputs.reduce(0, +)
        let byRemainder = sizes.indices.sorted { first, second in
            let a = shares[first].remainder, b = shares[second].remainder
            return a != b ? a > b : first < second
        }
        for index in byRemainder where left > 0 {
            outputs[index] += 1
            left -= 1
        }
        return outputs
    }
}
