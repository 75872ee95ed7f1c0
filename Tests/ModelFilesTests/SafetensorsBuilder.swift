/// Assembles safetensors bytes from header text and data, so tests can write any header,
/// well-formed or not. Test scaffolding: it writes whatever it is told.
enum SafetensorsBuilder {
    static func file(header: String, data: [UInt8], declaredLength: UInt64? = nil) -> [UInt8] {
        let text = Array(header.utf8)
        var bytes: [UInt8] = []
        withUnsafeBytes(of: (declaredLength ?? UInt64(text.count)).littleEndian) { bytes += $0 }
        return bytes + text + data
    }

    /// One tensor `name` with the given fields, and `dataCount` data bytes.
    static func single(dtype: String = "F32", shape: String = "[2]", offsets: String = "[0,8]",
                       dataCount: Int = 8) -> [UInt8] {
        file(header: "{\"t\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":\(offsets)}}",
             data: [UInt8](repeating: 0, count: dataCount))
    }
}
