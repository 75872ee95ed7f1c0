/// Builds metadata-only GGUF v3 files (no tensors) for the loading tests, byte by byte as the
/// GGUF specification lays them out: "GGUF", version, tensor count, metadata count, entries.
struct GGUFMetadataBuilder {
    enum Value {
        case string(String)
        case uint32(UInt32)
        case int32(Int32)
        case bool(Bool)
        case strings([String])
        case int32s([Int32])
        case float32s([Float])
    }

    private var entries: [(String, Value)] = []

    mutating func set(_ key: String, _ value: Value) {
        entries.removeAll { $0.0 == key }
        entries.append((key, value))
    }

    mutating func remove(_ key: String) { entries.removeAll { $0.0 == key } }

    var bytes: [UInt8] {
        var output = Array("GGUF".utf8)
        append(UInt32(3), to: &output)
        append(UInt64(0), to: &output)
        append(UInt64(entries.count), to: &output)
        for (key, value) in entries {
            appendString(key, to: &output)
            appendValue(value, to: &output)
        }
        return output
    }

    private func append<T: FixedWidthInteger>(_ value: T, to output: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { output.append(contentsOf: $0) }
    }

    private func appendString(_ text: String, to output: inout [UInt8]) {
        append(UInt64(text.utf8.count), to: &output)
        output.append(contentsOf: text.utf8)
    }

    private func appendValue(_ value: Value, to output: inout [UInt8]) {
        switch value {
        case .string(let text): append(UInt32(8), to: &output); appendString(text, to: &output)
        case .uint32(let number): append(UInt32(4), to: &output); append(number, to: &output)
        case .int32(let number): append(UInt32(5), to: &output); append(number, to: &output)
        case .bool(let flag): append(UInt32(7), to: &output); output.append(flag ? 1 : 0)
        case .strings(let texts):
            append(UInt32(9), to: &output); append(UInt32(8), to: &output); append(UInt64(texts.count), to: &output)
            for text in texts { appendString(text, to: &output) }
        case .int32s(let numbers):
            append(UInt32(9), to: &output); append(UInt32(5), to: &output); append(UInt64(numbers.count), to: &output)
            for number in numbers { append(number, to: &output) }
        case .float32s(let numbers):
            append(UInt32(9), to: &output); append(UInt32(6), to: &output); append(UInt64(numbers.count), to: &output)
            for number in numbers { append(number.bitPattern, to: &output) }
        }
    }

    /// A small valid byte-level ("gpt2") tokenizer: the 256 byte-alphabet scalars in byte order
    /// (so "Ġ", the space, is id 32), "he",
    /// "hel", "hell", "hello", merges building "hello", and one control token.
    static func byteLevel() -> GGUFMetadataBuilder {
        var tokens = (0..<256).map { byte -> String in
            let printable = (0x21...0x7E).contains(byte) || (0xA1...0xAC).contains(byte) || (0xAE...0xFF).contains(byte)
            return printable ? String(UnicodeScalar(UInt8(byte))) : ""
        }
        var next: UInt32 = 256
        for index in tokens.indices where tokens[index].isEmpty {
            tokens[index] = String(Character(Unicode.Scalar(next)!))
            next += 1
        }
        tokens += ["he", "hel", "hell", "hello", "<|end|>"]
        var builder = GGUFMetadataBuilder()
        builder.set("tokenizer.ggml.model", .string("gpt2"))
        builder.set("tokenizer.ggml.pre", .string("gpt-2"))
        builder.set("tokenizer.ggml.tokens", .strings(tokens))
        builder.set("tokenizer.ggml.token_type", .int32s(Array(repeating: 1, count: 260) + [3]))
        builder.set("tokenizer.ggml.merges", .strings(["h e", "he l", "hel l", "hell o"]))
        builder.set("tokenizer.ggml.eos_token_id", .uint32(260))
        return builder
    }
}
