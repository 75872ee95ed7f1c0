/// Reads the parts of a GGUF header in order; `GGUFHeader` assembles them.
///
///     magic "GGUF" ‖ version u32 ‖ tensor count u64 ‖ metadata count u64
///     ‖ metadata entries ‖ tensor entries ‖ padding to the alignment ‖ data
struct GGUFHeaderParser {
    var cursor: ByteCursor
    let limits: GGUFLimits

    static let magic: [UInt8] = Array("GGUF".utf8)
    /// The smallest metadata entry: an empty key, a type, a one-byte value.
    static let metadataEntryByteCountMin = 8 + 4 + 1
    /// The smallest tensor entry: an empty name, no dimensions, a type, an offset.
    static let tensorEntryByteCountMin = 8 + 4 + 4 + 8

    init(_ bytes: UnsafeRawBufferPointer, limits: GGUFLimits) {
        cursor = ByteCursor(bytes)
        self.limits = limits
    }

    /// Checks the magic and returns the version, refusing v1, unknown versions and big-endian files.
    mutating func readPreamble() throws(ModelFileError) -> UInt32 {
        let magic = try cursor.readBytes(4, "magic")
        guard magic.elementsEqual(Self.magic) else {
            throw ModelFileError(.badMagic, at: 0, "the file does not start with \"GGUF\"")
        }
        let version = try cursor.read(UInt32.self, "version")
        if version == 2 || version == 3 { return version }
        if version & 0xffff == 0, (1...3).contains(version.byteSwapped) {
            throw ModelFileError(.bigEndian, at: 4, "big-endian GGUF v\(version.byteSwapped) files are not supported")
        }
        if version == 1 {
            throw ModelFileError(.unsupportedVersion, at: 4, "GGUF v1 (32-bit counts) is not supported; convert to v3")
        }
        throw ModelFileError(.unsupportedVersion, at: 4, "GGUF version \(version) is not supported (2 and 3 are)")
    }

    /// Reads the tensor and metadata counts, checked against their limits and the bytes left.
    mutating func readCounts() throws(ModelFileError) -> (tensors: Int, metadata: Int) {
        let tensorCountOffset = cursor.offset
        let tensors = try cursor.read(UInt64.self, "tensor count")
        let metadataCountOffset = cursor.offset
        let metadata = try cursor.read(UInt64.self, "metadata count")
        try checkLimit(tensors, limits.tensorCountMax, "tensor count", at: tensorCountOffset)
        try checkLimit(metadata, limits.metadataCountMax, "metadata count", at: metadataCountOffset)
        let metadataBytes = metadata.multipliedReportingOverflow(by: UInt64(Self.metadataEntryByteCountMin))
        let tensorBytes = tensors.multipliedReportingOverflow(by: UInt64(Self.tensorEntryByteCountMin))
        let entryBytes = metadataBytes.partialValue.addingReportingOverflow(tensorBytes.partialValue)
        guard !metadataBytes.overflow, !tensorBytes.overflow, !entryBytes.overflow,
              entryBytes.partialValue <= UInt64(cursor.remaining) else {
            throw ModelFileError(.truncated, at: tensorCountOffset,
                                 "\(tensors) tensors and \(metadata) metadata entries cannot fit "
                                 + "in the \(cursor.remaining) bytes that remain")
        }
        return (Int(tensors), Int(metadata))
    }

    /// Reads the metadata entries: keys in file order and values by key.
    mutating func readMetadata(count: Int) throws(ModelFileError) -> ([String], [String: GGUFValue]) {
        var keys: [String] = []
        var values: [String: GGUFValue] = [:]
        keys.reserveCapacity(count)
        for _ in 0..<count {
            let entryOffset = cursor.offset
            let key = try readString("metadata key", byteCountMax: limits.stringByteCountMax)
            let typeOffset = cursor.offset
            let type = try readValueType("type of \(key)")
            let value = try readValue(type, depth: 0, field: key, at: typeOffset)
            guard values.updateValue(value, forKey: key) == nil else {
                throw ModelFileError(.duplicateKey, at: entryOffset, "metadata key \(key) appears twice")
            }
            if key == GGUFHeader.alignmentKey { try checkAlignment(value, at: typeOffset) }
            keys.append(key)
        }
        return (keys, values)
    }

    /// Reads the tensor directory entries (not yet placed in the file).
    mutating func readTensorEntries(count: Int) throws(ModelFileError) -> [GGUFTensorEntry] {
        var entries: [GGUFTensorEntry] = []
        entries.reserveCapacity(count)
        var names = Set<String>()
        for _ in 0..<count {
            let entry = try readTensorEntry()
            guard names.insert(entry.name).inserted else {
                throw ModelFileError(.duplicateTensor, at: entry.entryOffset, "tensor \(entry.name) appears twice")
            }
            entries.append(entry)
        }
        return entries
    }

    /// The offset after the directory, rounded up to `alignment`: where the data section starts.
    func alignedOffset(alignment: Int) throws(ModelFileError) -> Int {
        let (padded, overflow) = cursor.offset.addingReportingOverflow(alignment - 1)
        guard !overflow else {
            throw ModelFileError(.arithmeticOverflow, at: cursor.offset, "data section offset overflows")
        }
        return padded / alignment * alignment
    }

    private mutating func readTensorEntry() throws(ModelFileError) -> GGUFTensorEntry {
        let entryOffset = cursor.offset
        let name = try readString("tensor name", byteCountMax: limits.tensorNameByteCountMax)
        let dimensionCount = try cursor.read(UInt32.self, "dimension count of \(name)")
        guard dimensionCount <= UInt32(clamping: limits.dimensionCountMax) else {
            throw ModelFileError(.invalidShape, at: entryOffset,
                                 "tensor \(name) has \(dimensionCount) dimensions; at most "
                                 + "\(limits.dimensionCountMax) are allowed")
        }
        var dimensions: [Int] = []
        for _ in 0..<dimensionCount {
            let extent = try cursor.read(UInt64.self, "dimension of \(name)")
            guard let exact = Int(exactly: extent), exact <= limits.elementCountMax else {
                throw ModelFileError(.limitExceeded, at: entryOffset,
                                     "tensor \(name) has a dimension of \(extent), above \(limits.elementCountMax)")
            }
            dimensions.append(exact)
        }
        let typeOffset = cursor.offset
        let typeCode = try cursor.read(UInt32.self, "type of \(name)")
        guard let type = GGMLType(rawValue: typeCode) else {
            throw ModelFileError(.unknownTensorType, at: typeOffset, "tensor \(name) has unknown ggml type \(typeCode)")
        }
        let offset = try cursor.read(UInt64.self, "offset of \(name)")
        return GGUFTensorEntry(name: name, dimensions: dimensions, type: type, offset: offset, entryOffset: entryOffset)
    }

    private func checkLimit(_ count: UInt64, _ limit: Int, _ field: String, at offset: Int) throws(ModelFileError) {
        guard count <= UInt64(limit) else {
            throw ModelFileError(.limitExceeded, at: offset, "\(field) \(count) is above the limit of \(limit)")
        }
    }

    private func checkAlignment(_ value: GGUFValue, at offset: Int) throws(ModelFileError) {
        guard case .uint32(let alignment) = value else {
            throw ModelFileError(.invalidValue, at: offset,
                                 "\(GGUFHeader.alignmentKey) is a \(value.type.name), not a uint32")
        }
        guard alignment > 0, alignment & (alignment - 1) == 0 else {
            throw ModelFileError(.invalidValue, at: offset,
                                 "\(GGUFHeader.alignmentKey) \(alignment) is not a power of two")
        }
    }
}
