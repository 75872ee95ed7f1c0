import ModelFiles

/// Writes small GGUF v3 files by the format's spec (metadata and F32 tensors), for tests of
/// refusals that the reference fixtures cannot show.
struct GGUFBuilder {
    enum Value {
        case string(String)
        case uint32(UInt32)
        case float32(Float)
        case uint32Array([UInt32])
    }

    var metadata: [(String, Value)] = []
    var tensors: [(name: String, dimensions: [Int], values: [Float])] = []

    func bytes() -> [UInt8] {
        var out: [UInt8] = Array("GGUF".utf8)
        func int<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { out += $0 } }
        func string(_ text: String) { int(UInt64(text.utf8.count)); out += Array(text.utf8) }
        int(UInt32(3)); int(UInt64(tensors.count)); int(UInt64(metadata.count))
        for (key, value) in metadata {
            string(key)
            switch value {
            case .string(let text): int(UInt32(8)); string(text)
            case .uint32(let number): int(UInt32(4)); int(number)
            case .float32(let number): int(UInt32(6)); int(number.bitPattern)
            case .uint32Array(let numbers):
                int(UInt32(9)); int(UInt32(4)); int(UInt64(numbers.count))
                numbers.forEach { int($0) }
            }
        }
        var offset = 0
        for tensor in tensors {
            string(tensor.name)
            int(UInt32(tensor.dimensions.count))
            tensor.dimensions.forEach { int(UInt64($0)) }
            int(GGMLType.f32.rawValue); int(UInt64(offset))
            offset += (tensor.values.count * 4 + 31) / 32 * 32
        }
        while out.count % 32 != 0 { out.append(0) }
        for tensor in tensors {
            tensor.values.forEach { int($0.bitPattern) }
            while out.count % 32 != 0 { out.append(0) }
        }
        return out
    }

    /// Metadata of a 1-layer Llama (vocab 4, width 4, 2 heads, ffn 8) and its F32 tensors.
    static func tinyLlama() -> GGUFBuilder {
        var builder = GGUFBuilder()
        builder.metadata = [
            ("general.architecture", .string("llama")), ("llama.context_length", .uint32(16)),
            ("llama.embedding_length", .uint32(4)), ("llama.block_count", .uint32(1)),
            ("llama.feed_forward_length", .uint32(8)), ("llama.attention.head_count", .uint32(2)),
            ("llama.attention.layer_norm_rms_epsilon", .float32(1e-5)),
        ]
        let matrix = { (name: String, rows: Int, columns: Int) in
            (name, [columns, rows], [Float](repeating: 0.5, count: rows * columns))
        }
        builder.tensors = [matrix("token_embd.weight", 4, 4), ("output_norm.weight", [4], [1, 1, 1, 1]),
                           ("blk.0.attn_norm.weight", [4], [1, 1, 1, 1]), ("blk.0.ffn_norm.weight", [4], [1, 1, 1, 1]),
                           matrix("blk.0.attn_q.weight", 4, 4), matrix("blk.0.attn_k.weight", 4, 4),
                           matrix("blk.0.attn_v.weight", 4, 4), matrix("blk.0.attn_output.weight", 4, 4),
                           matrix("blk.0.ffn_gate.weight", 8, 4), matrix("blk.0.ffn_up.weight", 8, 4),
                           matrix("blk.0.ffn_down.weight", 4, 8)]
        return builder
    }

    /// Replaces (or adds) metadata `key`.
    mutating func set(_ key: String, _ value: Value?) {
        metadata.removeAll { $0.0 == key }
        if let value { metadata.append((key, value)) }
    }
}
