/// The fixed 64-byte header of a span index file (little-endian):
///
///     0  magic "oln-span" [8]           32  MinHash seed u64
///     8  format version u32 (1)         40  signature count u32
///    12  header length u32 (64)         44  band count u32
///    16  document count u32             48  Jaccard threshold ppm u32
///    20  shingle length u32             52  reserved u32 (0)
///    24  text token count u64           56  reserved u64 (0)
struct SpanIndexHeader: Equatable, Sendable {
    static let magic: [UInt8] = Array("oln-span".utf8)
    static let formatVersion: UInt32 = 1

    let documentCount: Int
    let textTokenCount: Int
    let nearDuplicateParameters: NearDuplicateParameters

    init(documentCount: Int, textTokenCount: Int, nearDuplicateParameters: NearDuplicateParameters) {
        self.documentCount = documentCount
        self.textTokenCount = textTokenCount
        self.nearDuplicateParameters = nearDuplicateParameters
    }

    /// Parses and checks the header at the start of `bytes`.
    init(parsing bytes: UnsafeRawBufferPointer) throws(SpanIndexError) {
        guard bytes.count >= SpanIndexLayout.headerByteCount else {
            throw SpanIndexError(.truncated, "\(bytes.count) bytes is shorter than the header")
        }
        guard Array(bytes[0..<8]) == Self.magic else { throw SpanIndexError(.badMagic, "not a span index file") }
        let version = bytes.littleEndianUInt32(at: 8)
        guard version == Self.formatVersion, bytes.littleEndianUInt32(at: 12) == UInt32(SpanIndexLayout.headerByteCount) else {
            throw SpanIndexError(.unsupportedVersion, "format version \(version) with header length \(bytes.littleEndianUInt32(at: 12))")
        }
        guard bytes.littleEndianUInt32(at: 52) == 0, bytes.littleEndianUInt64(at: 56) == 0 else {
            throw SpanIndexError(.nonZeroPadding, "reserved header fields are not zero")
        }
        let textTokenCount = bytes.littleEndianUInt64(at: 24)
        guard textTokenCount <= UInt64(SpanIndexLimits.textTokenCountMax) else {
            throw SpanIndexError(.limitExceeded, "\(textTokenCount) text tokens, at most \(SpanIndexLimits.textTokenCountMax)")
        }
        let (shingle, signatures, bands, threshold) = (Int(bytes.littleEndianUInt32(at: 20)), Int(bytes.littleEndianUInt32(at: 40)),
                                                       Int(bytes.littleEndianUInt32(at: 44)), Int(bytes.littleEndianUInt32(at: 48)))
        if let problem = NearDuplicateParameters.problem(shingleLength: shingle, signatureCount: signatures,
                                                         bandCount: bands, jaccardThresholdPPM: threshold) {
            throw SpanIndexError(.invalidParameters, problem)
        }
        documentCount = Int(bytes.littleEndianUInt32(at: 16))
        self.textTokenCount = Int(textTokenCount)
        nearDuplicateParameters = NearDuplicateParameters(shingleLength: shingle, signatureCount: signatures, bandCount: bands,
                                                          jaccardThresholdPPM: threshold, seed: bytes.littleEndianUInt64(at: 32))
    }

    /// Writes the header into the first 64 bytes of `bytes`.
    func write(into bytes: UnsafeMutableRawBufferPointer) {
        let parameters = nearDuplicateParameters
        bytes.copyBytes(from: Self.magic)
        bytes.storeLittleEndian(Self.formatVersion, at: 8)
        bytes.storeLittleEndian(UInt32(SpanIndexLayout.headerByteCount), at: 12)
        bytes.storeLittleEndian(UInt32(documentCount), at: 16)
        bytes.storeLittleEndian(UInt32(parameters.shingleLength), at: 20)
        bytes.storeLittleEndian(UInt64(textTokenCount), at: 24)
        bytes.storeLittleEndian(parameters.seed, at: 32)
        bytes.storeLittleEndian(UInt32(parameters.signatureCount), at: 40)
        bytes.storeLittleEndian(UInt32(parameters.bandCount), at: 44)
        bytes.storeLittleEndian(UInt32(parameters.jaccardThresholdPPM), at: 48)
    }
}
