import Sodium

extension TrainingCheckpoint {
    /// Decodes a checkpoint file, checking its size against `limits`, its checksum, magic,
    /// version and every count before anything is allocated. The AdamW hyperparameters come
    /// from `configuration`, whose identifier must match the file's.
    public init(decoding bytes: [UInt8], configuration: TrainingConfiguration,
                limits: Limits = .standard) throws(ModelFactoryError) {
        guard bytes.count <= limits.byteCountMax else {
            throw Self.invalid("the file is \(bytes.count) bytes; the limit is \(limits.byteCountMax)")
        }
        guard bytes.count >= Self.magic.count + 4 + 32 + 32 + 32 else { throw Self.invalid("the file is truncated") }
        let body = bytes[..<(bytes.count - 32)]
        guard SHA256.hash(body) == Array(bytes.suffix(32)) else {
            throw Self.invalid("the checksum does not match: the file is corrupt or was cut short")
        }
        var scanner = ByteScanner(Array(body)) { Self.invalid("the file ends inside \($0)") }
        guard try scanner.bytes(8, "the magic") == Self.magic else { throw Self.invalid("this is not a checkpoint file") }
        let version = try scanner.uint32("the version")
        guard version == Self.version else { throw Self.invalid("version \(version) is not supported (this build reads 1)") }
        let identifier = try scanner.bytes(32, "the configuration identifier")
        guard identifier == configuration.identifier else {
            throw Self.invalid("the checkpoint belongs to another training configuration; resume with the configuration "
                               + "it was written with, or start a new job folder")
        }
        let step = try Self.count(&scanner, "the step", max: TrainingConfiguration.Limits.totalStepsMax)
        let position = try Self.count(&scanner, "the data position", max: Int(Int64.max >> 1))
        let tokens = try Self.count(&scanner, "the token count", max: Int(Int64.max >> 1))
        let parameterCount = try Self.count(&scanner, "the parameter count", max: limits.parameterCountMax)
        let parameters = try scanner.floats(parameterCount, "the parameters")
        let first = try scanner.floats(parameterCount, "the first moment")
        let second = try scanner.floats(parameterCount, "the second moment")
        let training = try Self.curve(&scanner, "the training loss curve", limits)
        let validation = try Self.curve(&scanner, "the validation loss curve", limits)
        let roots = try Self.roots(&scanner, limits)
        guard scanner.remainingCount == 0 else { throw Self.invalid("\(scanner.remainingCount) bytes follow the roots") }
        let optimizer = AdamW(beta1: configuration.adamBeta1, beta2: configuration.adamBeta2,
                              epsilon: configuration.adamEpsilon, weightDecay: configuration.weightDecay,
                              firstMoment: first, secondMoment: second, stepCount: step)
        self.init(configurationIdentifier: identifier,
                  state: TrainingState(step: step, dataPosition: position, processedTokenCount: tokens,
                                       parameters: parameters, optimizer: optimizer,
                                       lossHistory: LossHistory(training: training, validation: validation),
                                       gradientStoreRoots: roots))
    }

    private static func count(_ scanner: inout ByteScanner, _ what: String, max: Int) throws(ModelFactoryError) -> Int {
        let value = try scanner.uint64(what)
        guard value <= UInt64(max) else { throw invalid("\(what) \(value) is above the limit \(max)") }
        return Int(value)
    }

    private static func curve(_ scanner: inout ByteScanner, _ what: String,
                              _ limits: Limits) throws(ModelFactoryError) -> [LossHistory.Point] {
        let count = Int(try scanner.uint32("the length of \(what)"))
        guard count <= limits.lossPointCountMax, count <= scanner.remainingCount / 16 else {
            throw invalid("\(what) claims \(count) points, more than the limit or the file holds")
        }
        var points: [LossHistory.Point] = []
        points.reserveCapacity(count)
        for _ in 0..<count {
            let step = try Self.count(&scanner, "a step of \(what)", max: TrainingConfiguration.Limits.totalStepsMax)
            points.append(LossHistory.Point(step: step, loss: try scanner.double("a loss of \(what)")))
        }
        return points
    }

    private static func roots(_ scanner: inout ByteScanner, _ limits: Limits) throws(ModelFactoryError) -> [GradientStoreRoot] {
        let count = Int(try scanner.uint32("the root count"))
        guard count <= limits.rootCountMax else { throw invalid("\(count) gradient-store roots; the limit is \(limits.rootCountMax)") }
        var roots: [GradientStoreRoot] = []
        for _ in 0..<count {
            let step = try Self.count(&scanner, "a root's step", max: TrainingConfiguration.Limits.totalStepsMax)
            roots.append(GradientStoreRoot(step: step, root: try scanner.bytes(32, "a root")))
        }
        return roots
    }

    static func invalid(_ message: String) -> ModelFactoryError {
        ModelFactoryError(.invalidCheckpoint, "checkpoint: \(message)")
    }
}
