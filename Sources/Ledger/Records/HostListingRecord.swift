import Wire

/// A host's current listing of the adapters it serves.
public struct HostListingRecord: StateRecord {
    public var listing: HostListing
    public var updatedTime: UInt64

    init(listing: HostListing, updatedTime: UInt64) {
        self.listing = listing
        self.updatedTime = updatedTime
    }

    func encode(to writer: inout ProtobufWriter) {
        writer.writeMessage(field: 1) { listing.encode(to: &$0) }
        writer.writeVarintIfNonZero(updatedTime, field: 2)
    }

    init(from reader: inout ProtobufReader) throws(WireError) {
        var listing = HostListing(adapterHashes: [], pricePerThousandTokens: 0, endpoint: "")
        var time: UInt64 = 0
        while let field = try reader.next() {
            switch field.number {
            case 1:
                var nested = try reader.nestedReader(for: field)
                listing = try HostListing(from: &nested)
            case 2: time = try field.uint64()
            default: throw .unknownField(field.number)
            }
        }
        self.init(listing: listing, updatedTime: time)
    }
}
