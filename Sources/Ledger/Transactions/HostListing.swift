import Wire

/// Replaces the sender's host listing: the adapters it serves and its price.
///
/// The decoder checks each adapter hash's size and the count; that the adapters are
/// registered and not repeated is for the state machine.
public struct HostListing: LedgerMessageCoding {
    /// The most adapters in one listing.
    public static let adapterCountMax = 256
    /// The longest endpoint, in UTF-8 bytes.
    public static let endpointByteCountMax = 256

    /// The adapters served, each 32 bytes (field 1, up to 256).
    public var adapterHashes: [[UInt8]]
    /// The price per thousand tokens, in base units (field 2).
    public var pricePerThousandTokens: UInt128
    /// Where the host answers, such as a multiaddr or URL (field 3, up to 256 bytes).
    public var endpoint: String

    /// The message with the given fields.
    public init(adapterHashes: [[UInt8]], pricePerThousandTokens: UInt128, endpoint: String) {
        self.adapterHashes = adapterHashes
        self.pricePerThousandTokens = pricePerThousandTokens
        self.endpoint = endpoint
    }

    public func encode(to writer: inout ProtobufWriter) {
        for adapterHash in adapterHashes { writer.writeBytes(adapterHash, field: 1) }
        writer.writeAmount(pricePerThousandTokens, field: 2)
        writer.writeStringIfNotEmpty(endpoint, field: 3)
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        self.init(adapterHashes: [], pricePerThousandTokens: 0, endpoint: "")
        var previous = 0
        while let field = try reader.nextField(after: &previous, repeatable: 1) {
            switch field.number {
            case 1: try adapterHashes.append(field.hash32(), countMax: Self.adapterCountMax, what: "listed adapter count")
            case 2: pricePerThousandTokens = try field.amount()
            case 3: endpoint = try field.string(byteCountMax: Self.endpointByteCountMax, what: "host endpoint")
            default: throw .unknownField(field.number)
            }
        }
    }
}
