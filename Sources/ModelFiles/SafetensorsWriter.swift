/// Builds a safetensors file byte for byte as the reference implementation (PyPI
/// `safetensors`) writes it: tensors laid out widest dtype first and, within a dtype, by name
/// (UTF-8 byte order), so each tensor's data is aligned to its element size; a compact JSON
/// header with `__metadata__` first (keys sorted); the header padded with spaces so the data
/// starts at a multiple of 8.
public struct SafetensorsWriter: Sendable {
    private struct Entry: Sendable {
        let name: String
        let dtype: SafetensorsDType
        let shape: [Int]
        let bytes: [UInt8]
    }

    private var entries: [String: Entry] = [:]

    /// The `__metadata__` strings; omitted from the file when empty.
    public var metadata: [String: String] = [:]

    /// An empty file.
    public init() {}

    /// Adds a tensor. The name must be new and not "__metadata__", and `bytes` must hold exactly
    /// the little-endian elements of `shape` (programmer errors trap).
    public mutating func addTensor(named name: String, dtype: SafetensorsDType, shape: [Int], bytes: [UInt8]) {
        precondition(name != SafetensorsHeader.metadataKey, "a tensor cannot be named \(name)")
        precondition(entries[name] == nil, "tensor \(name) added twice")
        precondition(shape.allSatisfy { $0 >= 0 }, "negative extent in shape \(shape)")
        precondition(dtype.byteCount(elementCount: shape.reduce(1, *)) == bytes.count,
                     "\(bytes.count) bytes do not hold a \(dtype.rawValue) tensor of shape \(shape)")
        entries[name] = Entry(name: name, dtype: dtype, shape: shape, bytes: bytes)
    }

    /// Adds an F32 tensor of `values` (row-major, `shape` outermost first).
    public mutating func addTensor(named name: String, shape: [Int], values: [Float]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 4)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        addTensor(named: name, dtype: .f32, shape: shape, bytes: bytes)
    }

    /// The complete file.
    public func serialized() -> [UInt8] {
        let ordered = entries.values.sorted { left, right in
            if left.dtype.rank != right.dtype.rank { return left.dtype.rank > right.dtype.rank }
            return Array(left.name.utf8).lexicographicallyPrecedes(Array(right.name.utf8))
        }
        var header = Array(headerText(ordered).utf8)
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8))
        var file: [UInt8] = []
        file.reserveCapacity(8 + header.count + ordered.reduce(0) { $0 + $1.bytes.count })
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(contentsOf: header)
        for entry in ordered { file.append(contentsOf: entry.bytes) }
        return file
    }

    /// Writes the file to `path`, replacing any file there.
    public func write(toFile path: String) throws(ModelFileError) {
        try FileWriting.writeFile(serialized(), toFile: path)
    }

    private func headerText(_ ordered: [Entry]) -> String {
        var members: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                .map { "\(Self.quoted($0)):\(Self.quoted(metadata[$0] ?? ""))" }
            members.append("\(Self.quoted(SafetensorsHeader.metadataKey)):{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for entry in ordered {
            let shape = entry.shape.map(String.init).joined(separator: ",")
            let end = offset + entry.bytes.count
            members.append("\(Self.quoted(entry.name)):{\"dtype\":\"\(entry.dtype.rawValue)\",\"shape\":[\(shape)],"
                           + "\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// A JSON string literal escaped as serde_json escapes it.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
