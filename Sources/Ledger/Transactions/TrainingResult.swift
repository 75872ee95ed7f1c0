import Wire

/// Publishes an adapter trained on a datanet version from a registered base model, and on
/// versions of further datanets when it draws on several.
public struct TrainingResult: LedgerMessageCoding {
    /// The most further datanets.
    public static let additionalDatanetCountMax = 15
    /// The most hyperparameters.
    public static let hyperparameterCountMax = 64
    /// The most metrics.
    public static let metricCountMax = 64
    /// The hyperparameter naming the gradient store's file in the blob stores (BLAKE2b-256 in
    /// hexadecimal), which hosts fetch for influence attribution.
    public static let gradientStoreBlobName = "gradient_store_blob"

    /// The gradient store's blob hash, when a hyperparameter names a well-formed one.
    public var gradientStoreBlob: [UInt8]? {
        guard let text = hyperparameters.first(where: { $0.name == Self.gradientStoreBlobName })?.value,
              text.count == 64, let bytes = try? Base16.decode(text, byteCountMax: 32) else { return nil }
        return bytes
    }

    /// The datanet trained on (field 1, required, 32 bytes).
    public var datanetID: [UInt8]
    /// The datanet version trained on (field 2).
    public var datanetVersion: UInt64
    /// The registered base model (field 3, required, 32 bytes).
    public var baseModelHash: [UInt8]
    /// Hyperparameters, in order (field 4, up to 64).
    public var hyperparameters: [NamedText]
    /// BLAKE2b-256 of the adapter file (field 5, required, 32 bytes).
    public var adapterHash: [UInt8]
    /// The adapter file's size (field 6).
    public var adapterByteCount: UInt64
    /// Metrics in millionths, in order (field 7, up to 64).
    public var metrics: [NamedInteger]
    /// The gradient store's root, or empty when no gradients were stored (field 8).
    public var gradientStoreRoot: [UInt8]
    /// Further datanets trained on, each at a version, in order (field 9, up to 15); their
    /// accepted contributions may be credited by the adapter's receipts too.
    public var additionalDatanets: [DatanetVersion]

    /// Every datanet trained on: the first, then the further ones.
    public var datanets: [DatanetVersion] {
        [DatanetVersion(datanetID: datanetID, version: datanetVersion)] + additionalDatanets
    }

    /// The message with the given fields.
    public init(
        datanetID: [UInt8],
        datanetVersion: UInt64,
        baseModelHash: [UInt8],
        hyperparameters: [NamedText],
        adapterHash: [UInt8],
        adapterByteCount: UInt64,
        metrics: [NamedInteger],
        gradientStoreRoot: [UInt8],
        additionalDatanets: [DatanetVersion] = []
    ) {
        self.datanetID = datanetID
        self.datanetVersion = datanetVersion
        self.baseModelHash = baseModelHash
        self.hyperparameters = hyperparameters
        self.adapterHash = adapterHash
        self.adapterByteCount = adapterByteCount
        self.metrics = metrics
        self.gradientStoreRoot = gradientStoreRoot
        self.additionalDatanets = additionalDatanets
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeBytesIfNotEmpty(datanetID, field: 1)
        writer.writeVarintIfNonZero(datanetVersion, field: 2)
        writer.writeBytesIfNotEmpty(baseModelHash, field: 3)
        for hyperparameter in hyperparameters { writer.writeMessage(hyperparameter, field: 4) }
        writer.writeBytesIfNotEmpty(adapterHash, field: 5)
        writer.writeVarintIfNonZero(adapterByteCount, field: 6)
        for metric in metrics { writer.writeMessage(metric, field: 7) }
        writer.writeBytesIfNotEmpty(gradientStoreRoot, field: 8)
        for datanet in additionalDatanets { writer.writeMessage(datanet, field: 9) }
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var datanetID: [UInt8]?
        var baseModelHash: [UInt8]?
        var adapterHash: [UInt8]?
        self.init(
            datanetID: [], datanetVersion: 0, baseModelHash: [], hyperparameters: [],
            adapterHash: [], adapterByteCount: 0, metrics: [], gradientStoreRoot: []
        )
        var previous = 0
        while let field = try reader.nextField(after: &previous, repeatable: 4, 7, 9) {
            switch field.number {
            case 1: datanetID = try field.hash32()
            case 2: datanetVersion = try field.uint64()
            case 3: baseModelHash = try field.hash32()
            case 4:
                let hyperparameter = try reader.nestedMessage(NamedText.self, in: field)
                try hyperparameters.append(hyperparameter, countMax: Self.hyperparameterCountMax, what: "hyperparameter count")
            case 5: adapterHash = try field.hash32()
            case 6: adapterByteCount = try field.uint64()
            case 7:
                let metric = try reader.nestedMessage(NamedInteger.self, in: field)
                try metrics.append(metric, countMax: Self.metricCountMax, what: "metric count")
            case 8: gradientStoreRoot = try field.hash32()
            case 9:
                let datanet = try reader.nestedMessage(DatanetVersion.self, in: field)
                try additionalDatanets.append(datanet, countMax: Self.additionalDatanetCountMax,
                                              what: "additional datanet count")
            default: throw .unknownField(field.number)
            }
        }
        self.datanetID = try datanetID.required(field: 1)
        self.baseModelHash = try baseModelHash.required(field: 3)
        self.adapterHash = try adapterHash.required(field: 5)
    }
}
