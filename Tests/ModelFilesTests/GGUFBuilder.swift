/// Writes GGUF bytes field by field, so tests can build well-formed and deliberately
/// malformed headers. Test scaffolding: it writes whatever it is told.
struct GGUFBuilder {
    var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }
    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }

    mutating func string(_ text: String) {
        u64(UInt64(text.utf8.count))
        bytes += Array(text.utf8)
    }

    mutating func preamble(version: UInt32 = 3, tensors: UInt64, metadata: UInt64) {
        bytes += Array("GGUF".utf8)
        u32(version)
        u64(tensors)
        u64(metadata)
    }

    mutating func tensor(_ name: String, dimensions: [UInt64], type: UInt32, offset: UInt64) {
        string(name)
        u32(UInt32(dimensions.count))
        for extent in dimensions { u64(extent) }
        u32(type)
        u64(offset)
    }

    mutating func pad(to alignment: Int) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }

    /// A well-formed file: one uint32 metadata entry and `tensors` F32 tensors of 8 elements,
    /// each 32 bytes, placed one after another.
    static func valid(tensors: Int = 2) -> [UInt8] {
        var builder = GGUFBuilder()
        builder.preamble(tensors: UInt64(tensors), metadata: 1)
        builder.string("general.test")
        builder.u32(4)
        builder.u32(7)
        for index in 0..<tensors {
            builder.tensor("t\(index)", dimensions: [8], type: 0, offset: UInt64(index * 32))
        }
        builder.pad(to: 32)
        builder.bytes += [UInt8](repeating: 0, count: tensors * 32)
        return builder.bytes
    }
}
