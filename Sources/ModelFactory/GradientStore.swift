/// Every training example's gradient at one step, projected (`GradientProjection`) and
/// quantized: what attribution (TracIn, DataInf) reads later. The file:
///
///     magic "OLNGRAD\0" (8) | version u32 = 1 | seed u64 | k u32 | segment count S u32
///     S × (segment parameters d_l u64 | segment outputs k_l u32)
///     checkpoint step u64 | learning rate f64 | example count n u64
///     n × record: content hash (32) | example index u64 | scales f32[S] | values i16[k]
///
/// little-endian throughout; every record is 40 + 4S + 2k bytes. `merkleRoot` is the
/// RFC 6962 tree hash (`MerkleTree`) over the records' bytes in file order; it goes into the
/// training summary and the ledger. The header's values follow from the configuration
/// (seed, k), the base model (segments) and the schedule (learning rate), which the
/// configuration identifier commits to.
public struct GradientStore: Sendable, Equatable {
    /// The projection the records were made with.
    public let projection: GradientProjection
    /// The step the gradients were taken at (0: the initial parameters).
    public let step: Int
    /// The learning rate of that step (TracIn's η), 0 for step 0.
    public let learningRate: Double
    /// One record per training example.
    public let records: [GradientStoreRecord]

    static let magic: [UInt8] = Array("OLNGRAD".utf8) + [0]
    static let version: UInt32 = 1

    /// A store; every record must have the projection's shape (programmer error otherwise).
    public init(projection: GradientProjection, step: Int, learningRate: Double, records: [GradientStoreRecord]) {
        precondition(records.allSatisfy {
            $0.gradient.scales.count == projection.outputSizes.count && $0.gradient.values.count == projection.dimension
        }, "records of the projection's shape")
        self.projection = projection
        self.step = step
        self.learningRate = learningRate
        self.records = records
    }

    /// The RFC 6962 Merkle root over the records.
    public var merkleRoot: [UInt8] {
        MerkleTree.root(leafHashes: records.map { MerkleTree.leafHash($0.serialized()) })
    }

    /// The file's bytes.
    public func serialized() -> [UInt8] {
        var builder = ByteBuilder()
        builder.append(Self.magic)
        builder.append(Self.version)
        builder.append(projection.seed)
        builder.append(UInt32(projection.dimension))
        builder.append(UInt32(projection.segmentSizes.count))
        for (size, outputs) in zip(projection.segmentSizes, projection.outputSizes) {
            builder.append(UInt64(size))
            builder.append(UInt32(outputs))
        }
        builder.append(UInt64(step))
        builder.append(learningRate)
        builder.append(UInt64(records.count))
        for record in records { builder.append(record.serialized()) }
        return builder.bytes
    }
}
