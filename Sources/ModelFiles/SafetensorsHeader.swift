/// The parsed header of a safetensors file, validated against the file's size.
///
/// Validation, as the reference implementation does it: the 8-byte header length within
/// `headerByteCountMax` and the file; a UTF-8 JSON object; `__metadata__`, when present, an
/// object of strings; every other member a tensor with a known "dtype", a "shape" of
/// non-negative integers and a "data_offsets" pair `[begin, end]` with
/// `end − begin = elements · bits / 8`; and the tensors, in offset order, tiling the data
/// section exactly: no overlap, no gap, nothing after the last.
public struct SafetensorsHeader: Sendable {
    /// The JSON header's length in bytes.
    public let headerByteCount: Int
    /// The `__metadata__` strings (empty when absent).
    public let metadata: [String: String]
    /// The tensors in the order their data lies in the file.
    public let tensors: [SafetensorsTensorInfo]
    /// The size of the file the header was validated against.
    public let fileByteCount: Int

    private let tensorIndex: [String: Int]

    /// The key of the metadata member.
    public static let metadataKey = "__metadata__"

    /// Where the data section starts: after the length and the JSON header.
    public var dataOffset: Int { 8 + headerByteCount }

    /// Parses and validates the header of the safetensors file whose bytes are `bytes`.
    public init(parsing bytes: UnsafeRawBufferPointer, limits: SafetensorsLimits = .standard)
        throws(ModelFileError) {
        headerByteCount = try Self.readHeaderLength(bytes, limits: limits)
        fileByteCount = bytes.count
        let json = try JSONParser.parse(UnsafeRawBufferPointer(rebasing: bytes[8..<(8 + headerByteCount)]),
                                        baseOffset: 8)
        guard case .object(let members) = json else {
            throw ModelFileError(.invalidHeader, at: 8, "the header is \(json.kindName), not a JSON object")
        }
        let dataByteCount = bytes.count - 8 - headerByteCount
        let parser = SafetensorsHeaderParser(limits: limits, dataOffset: 8 + headerByteCount,
                                             dataByteCount: dataByteCount)
        (metadata, tensors) = try parser.readMembers(members)
        var index: [String: Int] = [:]
        for (position, tensor) in tensors.enumerated() { index[tensor.name] = position }
        tensorIndex = index
    }

    /// The tensor named `name`.
    public func tensor(named name: String) -> SafetensorsTensorInfo? {
        tensorIndex[name].map { tensors[$0] }
    }

    private static func readHeaderLength(_ bytes: UnsafeRawBufferPointer, limits: SafetensorsLimits)
        throws(ModelFileError) -> Int {
        guard bytes.count >= 8 else {
            throw ModelFileError(.truncated, at: 0,
                                 "the file is \(bytes.count) bytes, shorter than its 8-byte header length")
        }
        let length = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
        guard length <= UInt64(limits.headerByteCountMax) else {
            throw ModelFileError(.limitExceeded, at: 0,
                                 "the header is \(length) bytes; the limit is \(limits.headerByteCountMax)")
        }
        guard length <= UInt64(bytes.count - 8) else {
            throw ModelFileError(.truncated, at: 0,
                                 "the header is \(length) bytes, but only \(bytes.count - 8) follow its length")
        }
        return Int(length)
    }
}
