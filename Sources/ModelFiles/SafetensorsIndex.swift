/// A sharded model's `model.safetensors.index.json`: which shard file holds each tensor.
///
///     {"metadata": {"total_size": 123}, "weight_map": {"tensor name": "model-00001-of-00002.safetensors", …}}
public struct SafetensorsIndex: Sendable, Equatable {
    /// The index's conventional file name.
    public static let fileName = "model.safetensors.index.json"

    /// The shard file name of each tensor.
    public let weightMap: [String: String]
    /// The "metadata" member, when present.
    public let metadata: JSONObject?

    /// The distinct shard file names, sorted.
    public var shardFileNames: [String] { Set(weightMap.values).sorted() }

    /// Parses the text of an index file.
    public init(parsing bytes: UnsafeRawBufferPointer, limits: SafetensorsLimits = .standard)
        throws(ModelFileError) {
        guard bytes.count <= limits.indexByteCountMax else {
            throw ModelFileError(.limitExceeded, at: 0,
                                 "the index is \(bytes.count) bytes; the limit is \(limits.indexByteCountMax)")
        }
        guard case .object(let root) = try JSONParser.parse(bytes) else {
            throw ModelFileError(.invalidHeader, at: 0, "the index is not a JSON object")
        }
        guard case .object(let map)? = root["weight_map"] else {
            throw ModelFileError(.invalidHeader, at: root.keyOffsets["weight_map"] ?? 0,
                                 "the index has no \"weight_map\" object")
        }
        var weightMap: [String: String] = [:]
        for tensor in map.keys {
            guard let file = map[tensor]?.string, Self.isPlainFileName(file) else {
                throw ModelFileError(.invalidHeader, at: map.keyOffsets[tensor],
                                     "tensor \(tensor) maps to something other than a plain file name")
            }
            weightMap[tensor] = file
        }
        self.weightMap = weightMap
        metadata = root["metadata"]?.object
        guard Set(weightMap.values).count <= limits.shardCountMax else {
            throw ModelFileError(.limitExceeded, at: 0, "the index names more than \(limits.shardCountMax) shards")
        }
    }

    /// Reads and parses the index file at `path`.
    public init(contentsOfFile path: String, limits: SafetensorsLimits = .standard) throws(ModelFileError) {
        let buffer = try ModelFileBuffer(mappingFileAt: path)
        try self.init(parsing: buffer.bytes, limits: limits)
    }

    /// A name inside the index's folder: not empty, no "/" or NUL, not "." or "..".
    static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.utf8.contains(UInt8(ascii: "/"))
            && !name.utf8.contains(0)
    }
}
