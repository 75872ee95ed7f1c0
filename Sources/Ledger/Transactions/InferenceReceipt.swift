import Identity
import Wire

/// Sent by a host after answering a client: charges the client's authorised fee and
/// splits the datanet's share among the contributions credited in `attribution`.
///
/// The decoder checks shapes only: `clientAuthorization` is a non-empty envelope no larger
/// than a `SignedMessage<FeeAuthorization>` envelope may be (its signature, expiry and fee
/// limit are checked when applied), hashes are 32 bytes, `method` is a known method and
/// `attribution` has at most 64 entries. Weights are checked by the state machine.
public struct InferenceReceipt: LedgerMessageCoding {
    /// The most attribution entries.
    public static let attributionCountMax = 64
    /// The longest prompt or output text, in UTF-8 bytes, a host reveals for a receipt (as
    /// blobs named by `promptHash` and `outputHash`) and peers fetch.
    public static let revealByteCountMax = 1 << 20
    /// The attribution methods a receipt may name.
    public static let methods: Set<String> = ["span/1", "influence/1"]
    /// The longest method text read before it is compared with ``methods``.
    static let methodByteCountMax = 16

    /// The `SignedEnvelope` of the client's ``FeeAuthorization`` (field 1, required).
    public var clientAuthorization: [UInt8]
    /// The datanet the attribution draws on (field 2, required, 32 bytes).
    public var datanetID: [UInt8]
    /// The adapter, or empty for the base model alone (field 3, empty or 32 bytes).
    public var adapterHash: [UInt8]
    /// BLAKE2b-256 of the prompt (field 4, required).
    public var promptHash: [UInt8]
    /// BLAKE2b-256 of the output (field 5, required).
    public var outputHash: [UInt8]
    /// Prompt tokens (field 6).
    public var tokensIn: UInt64
    /// Output tokens (field 7).
    public var tokensOut: UInt64
    /// The fee charged, at most the authorisation's `feeMax` (field 8).
    public var fee: UInt128
    /// The attribution method, one of ``methods`` (field 9, required).
    public var method: String
    /// The credited contributions, in order (field 10, up to 64).
    public var attribution: [AttributionEntry]
    /// The span index or gradient store used, or empty (field 11, empty or 32 bytes).
    public var attributionRoot: [UInt8]

    /// The message with the given fields.
    public init(
        clientAuthorization: [UInt8],
        datanetID: [UInt8],
        adapterHash: [UInt8],
        promptHash: [UInt8],
        outputHash: [UInt8],
        tokensIn: UInt64,
        tokensOut: UInt64,
        fee: UInt128,
        method: String,
        attribution: [AttributionEntry],
        attributionRoot: [UInt8]
    ) {
        self.clientAuthorization = clientAuthorization
        self.datanetID = datanetID
        self.adapterHash = adapterHash
        self.promptHash = promptHash
        self.outputHash = outputHash
        self.tokensIn = tokensIn
        self.tokensOut = tokensOut
        self.fee = fee
        self.method = method
        self.attribution = attribution
        self.attributionRoot = attributionRoot
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeBytesIfNotEmpty(clientAuthorization, field: 1)
        writer.writeBytesIfNotEmpty(datanetID, field: 2)
        writer.writeBytesIfNotEmpty(adapterHash, field: 3)
        writer.writeBytesIfNotEmpty(promptHash, field: 4)
        writer.writeBytesIfNotEmpty(outputHash, field: 5)
        writer.writeVarintIfNonZero(tokensIn, field: 6)
        writer.writeVarintIfNonZero(tokensOut, field: 7)
        writer.writeAmount(fee, field: 8)
        writer.writeStringIfNotEmpty(method, field: 9)
        for entry in attribution { writer.writeMessage(entry, field: 10) }
        writer.writeBytesIfNotEmpty(attributionRoot, field: 11)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        self.init(
            clientAuthorization: [], datanetID: [], adapterHash: [], promptHash: [], outputHash: [],
            tokensIn: 0, tokensOut: 0, fee: 0, method: "", attribution: [], attributionRoot: []
        )
        var previous = 0
        while let field = try reader.nextField(after: &previous, repeatable: 10) {
            switch field.number {
            case 1: clientAuthorization = try field.envelope(byteCountMax: SignedMessage<FeeAuthorization>.envelopeByteCountMax, what: "fee authorisation envelope")
            case 2: datanetID = try field.hash32()
            case 3: adapterHash = try field.hash32()
            case 4: promptHash = try field.hash32()
            case 5: outputHash = try field.hash32()
            case 6: tokensIn = try field.uint64()
            case 7: tokensOut = try field.uint64()
            case 8: fee = try field.amount()
            case 9: method = try Self.method(in: field)
            case 10:
                let entry = try reader.nestedMessage(AttributionEntry.self, in: field)
                try attribution.append(entry, countMax: Self.attributionCountMax, what: "attribution entry count")
            case 11: attributionRoot = try field.hash32()
            default: throw .unknownField(field.number)
            }
        }
        try checkRequiredFields()
    }

    private func checkRequiredFields() throws(WireError) {
        for (number, value) in [(1, clientAuthorization), (2, datanetID), (4, promptHash), (5, outputHash)] where value.isEmpty {
            throw .missingField(number)
        }
        guard !method.isEmpty else { throw .missingField(9) }
    }

    private static func method(in field: ProtobufField) throws(WireError) -> String {
        let method = try field.string(byteCountMax: methodByteCountMax, what: "attribution method")
        guard methods.contains(method) else {
            throw .valueOutOfRange("attribution method \"\(method)\" is not span/1 or influence/1")
        }
        return method
    }
}
