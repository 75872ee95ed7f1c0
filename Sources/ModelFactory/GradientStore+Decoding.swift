extension GradientStore {
    /// Upper bounds the reader enforces before allocating.
    public struct Limits: Sendable, Equatable {
        /// The largest file.
        public var byteCountMax = 1 << 36
        /// The most records.
        public var recordCountMax = TrainingDataset.Limits.exampleCountMax
        /// The most segments.
        public var segmentCountMax = 1 << 16
        /// The largest projection dimension.
        public var dimensionMax = TrainingConfiguration.Limits.projectionDimensionMax

        /// The defaults.
        public static let standard = Limits()
    }

    /// Decodes a gradient store file, checking magic, version, the segment table, and that
    /// the file is exactly as long as its header says, before allocating records.
    public init(decoding bytes: [UInt8], limits: Limits = .standard) throws(ModelFactoryError) {
        guard bytes.count <= limits.byteCountMax else {
            throw Self.invalid("the file is \(bytes.count) bytes; the limit is \(limits.byteCountMax)")
        }
        var scanner = ByteScanner(bytes) { Self.invalid("the file ends inside \($0)") }
        guard try scanner.bytes(8, "the magic") == Self.magic else { throw Self.invalid("this is not a gradient store") }
        let version = try scanner.uint32("the version")
        guard version == Self.version else { throw Self.invalid("version \(version) is not supported (this build reads 1)") }
        let projection = try Self.projection(&scanner, limits)
        let step = try scanner.uint64("the step")
        guard step <= UInt64(TrainingConfiguration.Limits.totalStepsMax) else { throw Self.invalid("step \(step) is too large") }
        let learningRate = try scanner.double("the learning rate")
        guard learningRate.isFinite, learningRate >= 0 else { throw Self.invalid("learning rate \(learningRate) is invalid") }
        let count = try scanner.uint64("the example count")
        let segmentCount = projection.outputSizes.count
        let recordSize = 40 + 4 * segmentCount + 2 * projection.dimension  // bounded by the limits: no overflow
        let (expected, overflow) = UInt64(recordSize).multipliedReportingOverflow(by: count)
        guard count <= UInt64(limits.recordCountMax), !overflow, expected == UInt64(scanner.remainingCount) else {
            throw Self.invalid("the header announces \(count) records of \(recordSize) bytes, but \(scanner.remainingCount) "
                               + "bytes follow (the record limit is \(limits.recordCountMax))")
        }
        var records: [GradientStoreRecord] = []
        records.reserveCapacity(Int(count))
        for _ in 0..<Int(count) {
            let hash = try scanner.bytes(32, "a content hash")
            let index = try scanner.uint64("an example index")
            guard index <= UInt64(limits.recordCountMax) else { throw Self.invalid("example index \(index) is too large") }
            let scales = try scanner.floats(segmentCount, "the scales")
            guard scales.allSatisfy({ $0.isFinite && $0 >= 0 }) else { throw Self.invalid("a scale is negative or not finite") }
            let values = try scanner.int16s(projection.dimension, "the values")
            records.append(GradientStoreRecord(contentHash: hash, exampleIndex: Int(index),
                                               gradient: QuantizedGradient(scales: scales, values: values)))
        }
        self.init(projection: projection, step: Int(step), learningRate: learningRate, records: records)
    }

    private static func projection(_ scanner: inout ByteScanner, _ limits: Limits) throws(ModelFactoryError) -> GradientProjection {
        let seed = try scanner.uint64("the seed")
        let dimension = Int(try scanner.uint32("the dimension"))
        let segmentCount = Int(try scanner.uint32("the segment count"))
        guard dimension >= 1, dimension <= limits.dimensionMax, segmentCount >= 1, segmentCount <= limits.segmentCountMax,
              segmentCount <= dimension else {
            throw invalid("dimension \(dimension) with \(segmentCount) segments is outside the limits")
        }
        var sizes: [Int] = [], outputs: [Int] = []
        var inputTotal: UInt64 = 0
        for _ in 0..<segmentCount {
            let size = try scanner.uint64("a segment size")
            let output = Int(try scanner.uint32("a segment's outputs"))
            let (sum, overflow) = inputTotal.addingReportingOverflow(size)
            guard size >= 1, !overflow, sum <= UInt64(Int64.max), output >= 1, output <= dimension else {
                throw invalid("a segment of \(size) parameters and \(output) outputs is invalid")
            }
            inputTotal = sum
            sizes.append(Int(size))
            outputs.append(output)
        }
        guard outputs.reduce(0, +) == dimension else {
            throw invalid("the segments' outputs add up to \(outputs.reduce(0, +)), not the dimension \(dimension)")
        }
        return GradientProjection(seed: seed, segmentSizes: sizes, outputSizes: outputs)
    }

    static func invalid(_ message: String) -> ModelFactoryError {
        ModelFactoryError(.invalidGradientStore, "gradient store: \(message)")
    }
}
