import LoRATraining
import ModelFactory

/// A gradient store checked against the adapter's layout and prepared for scoring: each
/// record's squared norm per segment, ‖g_il‖² = σ_il² · Σ_j q_ilj² (the level sum exact in
/// Int64), their per-segment sums for DataInf's damping, and the store's Merkle root (the
/// receipt's attribution root).
public struct InfluenceStore: Sendable {
    /// The decoded store.
    public let store: GradientStore
    /// The store's RFC 6962 Merkle root, as in the training summary.
    public let root: [UInt8]
    /// Per segment, the first output index and the output count k_l.
    let segmentRanges: [Range<Int>]
    /// ‖g_il‖², record-major: `squaredNorms[i * S + l]`.
    let squaredNorms: [Double]
    /// Σ_i ‖g_il‖² per segment, summed in record order.
    let squaredNormSums: [Double]

    /// Prepares `store` for `layout`'s adapter. Throws `.emptyStore` without records and
    /// `.layoutMismatch` when the store's segments or output allocation are not those of a
    /// projection of `layout` with the store's seed and dimension.
    public init(_ store: GradientStore, layout: LoRAParameterLayout) throws(InfluenceError) {
        guard !store.records.isEmpty else {
            throw InfluenceError(.emptyStore, "the gradient store of step \(store.step) holds no records")
        }
        let projection = store.projection
        let expected: GradientProjection
        do {
            expected = try GradientProjection(layout: layout, dimension: projection.dimension, seed: projection.seed)
        } catch {
            throw InfluenceError(.layoutMismatch, "the store's dimension \(projection.dimension) does not fit the "
                                 + "adapter's \(layout.segments.count) modules: \(error.message)")
        }
        guard expected == projection else {
            throw InfluenceError(.layoutMismatch, "the store was made for another adapter layout: its segments hold "
                                 + "\(projection.segmentSizes.count) modules of \(projection.inputDimension) parameters, "
                                 + "the adapter \(layout.segments.count) of \(layout.parameterCount)")
        }
        var ranges: [Range<Int>] = []
        var start = 0
        for size in projection.outputSizes {
            ranges.append(start..<(start + size))
            start += size
        }
        self.store = store
        root = store.merkleRoot
        segmentRanges = ranges
        (squaredNorms, squaredNormSums) = Self.norms(of: store.records, segmentRanges: ranges)
    }

    /// The number of records n.
    public var exampleCount: Int { store.records.count }
    /// The number of segments S.
    public var segmentCount: Int { segmentRanges.count }
    /// The projection dimension k.
    public var dimension: Int { store.projection.dimension }

    /// Each record's content hash, in record order.
    public var contentHashes: [[UInt8]] { store.records.map(\.contentHash) }

    /// Throws `.dimensionMismatch` unless `query` has the store's shape.
    func requireShape(of query: QuantizedGradient) throws(InfluenceError) {
        guard query.values.count == dimension, query.scales.count == segmentCount else {
            throw InfluenceError(.dimensionMismatch, "the query gradient has \(query.values.count) values in "
                                 + "\(query.scales.count) segments; the store has \(dimension) in \(segmentCount)")
        }
    }

    /// Σ_j a_j · b_j over `range` of two level vectors, exact.
    static func levelDot(_ a: UnsafeBufferPointer<Int16>, _ b: UnsafeBufferPointer<Int16>, _ range: Range<Int>) -> Int64 {
        var sum: Int64 = 0
        for index in range { sum &+= Int64(a[index]) * Int64(b[index]) }
        return sum
    }

    private static func norms(of records: [GradientStoreRecord], segmentRanges: [Range<Int>])
        -> (norms: [Double], sums: [Double]) {
        var norms: [Double] = []
        norms.reserveCapacity(records.count * segmentRanges.count)
        var sums = [Double](repeating: 0, count: segmentRanges.count)
        for record in records {
            record.gradient.values.withUnsafeBufferPointer { levels in
                for (segment, range) in segmentRanges.enumerated() {
                    let scale = Double(record.gradient.scales[segment])
                    let norm = Double(levelDot(levels, levels, range)) * scale * scale
                    norms.append(norm)
                    sums[segment] += norm
                }
            }
        }
        return (norms, sums)
    }
}
