import Wire

/// Where the ledger stands: the chain it belongs to and the last batch applied.
struct ChainRecord: StateRecord {
    var chainID: UInt64 = 0
    var genesisHash: [UInt8] = []
    var height: UInt64 = 0
    var time: UInt64 = 0

    init(chainID: UInt64, genesisHash: [UInt8], height: UInt64, time: UInt64) {
        self.chainID = chainID
        self.genesisHash = genesisHash
        self.height = height
        self.time = time
    }

    func encode(to writer: inout ProtobufWriter) {
        writer.writeVarintIfNonZero(chainID, field: 1)
        writer.writeBytesIfNotEmpty(genesisHash, field: 2)
        writer.writeVarintIfNonZero(height, field: 3)
        writer.writeVarintIfNonZero(time, field: 4)
    }

    init(from reader: inout ProtobufReader) throws(WireError) {
        while let field = try reader.next() {
            switch field.number {
            case 1: chainID = try field.uint64()
            case 2: genesisHash = try field.hash32()
            case 3: height = try field.uint64()
            case 4: time = try field.uint64()
            default: throw .unknownField(field.number)
            }
        }
    }
}
