/// One training example's stored gradient.
public struct GradientStoreRecord: Sendable, Equatable {
    /// The content hash of the example's document.
    public let contentHash: [UInt8]
    /// The example's index in `TrainingDataset.trainingExamples`.
    public let exampleIndex: Int
    /// The projected, quantized gradient.
    public let gradient: QuantizedGradient

    /// A record; `contentHash` must be 32 bytes (programmer error otherwise).
    public init(contentHash: [UInt8], exampleIndex: Int, gradient: QuantizedGradient) {
        precondition(contentHash.count == 32, "a content hash is 32 bytes")
        self.contentHash = contentHash
        self.exampleIndex = exampleIndex
        self.gradient = gradient
    }

    /// The record's bytes in the file (and the data of its Merkle leaf):
    /// content hash (32) | example index u64 | scales f32[S] | values i16[k].
    public func serialized() -> [UInt8] {
        var builder = ByteBuilder(reservingCapacity: 40 + 4 * gradient.scales.count + 2 * gradient.values.count)
        builder.append(contentHash)
        builder.append(UInt64(exampleIndex))
        builder.append(gradient.scales)
        builder.append(gradient.values)
        return builder.bytes
    }
}
