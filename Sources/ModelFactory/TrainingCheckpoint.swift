import Sodium

/// A saved run: the configuration's identifier and the whole `TrainingState`, so that a
/// resumed run continues to bit-identical parameters.
///
///     magic "OLNCKPT\0" (8) | version u32 = 1 | configuration identifier (32)
///     step u64 | data position u64 | processed tokens u64 | parameter count n u64
///     parameters f32[n] | AdamW first moment f32[n] | second moment f32[n]
///     training loss count u32 | (step u64, loss f64)* | validation loss count u32 | (step u64, loss f64)*
///     gradient-store root count u32 | (step u64, root (32))*
///     SHA-256 of every byte before it (32)
///
/// All integers and floats little-endian. The AdamW step count equals the step.
public struct TrainingCheckpoint: Sendable, Equatable {
    /// Upper bounds the decoder enforces before allocating.
    public struct Limits: Sendable, Equatable {
        /// The largest file.
        public var byteCountMax = 1 << 34
        /// The most parameters.
        public var parameterCountMax = 1 << 30
        /// The most loss points in either curve.
        public var lossPointCountMax = TrainingConfiguration.Limits.totalStepsMax + 1
        /// The most gradient-store roots.
        public var rootCountMax = TrainingConfiguration.Limits.gradientStoreStepCountMax

        /// The defaults.
        public static let standard = Limits()
    }

    static let magic: [UInt8] = Array("OLNCKPT".utf8) + [0]
    static let version: UInt32 = 1

    /// SHA-256 of the configuration's canonical bytes.
    public let configurationIdentifier: [UInt8]
    /// The saved state.
    public let state: TrainingState

    /// A checkpoint of `state` under a configuration identified by `configurationIdentifier`.
    public init(configurationIdentifier: [UInt8], state: TrainingState) {
        precondition(configurationIdentifier.count == 32, "a SHA-256 identifier")
        self.configurationIdentifier = configurationIdentifier
        self.state = state
    }

    /// The file's bytes.
    public func serialized() -> [UInt8] {
        let count = state.parameters.count
        var builder = ByteBuilder(reservingCapacity: 128 + 12 * count + 16 * state.lossHistory.training.count)
        builder.append(Self.magic)
        builder.append(Self.version)
        builder.append(configurationIdentifier)
        for value in [state.step, state.dataPosition, state.processedTokenCount, count] { builder.append(UInt64(value)) }
        builder.append(state.parameters)
        builder.append(state.optimizer.firstMoment)
        builder.append(state.optimizer.secondMoment)
        for curve in [state.lossHistory.training, state.lossHistory.validation] {
            builder.append(UInt32(curve.count))
            for point in curve {
                builder.append(UInt64(point.step))
                builder.append(point.loss)
            }
        }
        builder.append(UInt32(state.gradientStoreRoots.count))
        for root in state.gradientStoreRoots {
            builder.append(UInt64(root.step))
            builder.append(root.root)
        }
        builder.append(SHA256.hash(builder.bytes))
        return builder.bytes
    }
}
