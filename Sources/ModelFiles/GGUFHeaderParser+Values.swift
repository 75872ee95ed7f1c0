/// Metadata values: strings, scalars, and typed (possibly nested) arrays.
///
///     string   length u64 ‖ UTF-8 bytes[length]
///     value    the type's little-endian bytes; bool is one byte, 0 or 1
///     array    element type u32 ‖ count u64 ‖ elements (each without a type tag)
extension GGUFHeaderParser {
    mutating func readString(_ field: String, byteCountMax: Int) throws(ModelFileError) -> String {
        let start = cursor.offset
        let length = try cursor.read(UInt64.self, "length of \(field)")
        guard length <= UInt64(byteCountMax) else {
            throw ModelFileError(.limitExceeded, at: start,
                                 "\(field) is \(length) bytes long; the limit is \(byteCountMax)")
        }
        let body = try cursor.readBytes(Int(length), field)
        guard let string = String(validating: body, as: UTF8.self) else {
            throw ModelFileError(.invalidString, at: start + 8, "\(field) is not valid UTF-8")
        }
        return string
    }

    mutating func readValueType(_ field: String) throws(ModelFileError) -> GGUFValueType {
        let start = cursor.offset
        let code = try cursor.read(UInt32.self, field)
        guard let type = GGUFValueType(rawValue: code) else {
            throw ModelFileError(.unknownValueType, at: start, "\(field) is unknown value type \(code)")
        }
        return type
    }

    mutating func readValue(_ type: GGUFValueType, depth: Int, field: String, at offset: Int)
        throws(ModelFileError) -> GGUFValue {
        switch type {
        case .uint8: return .uint8(try cursor.read(UInt8.self, field))
        case .int8: return .int8(try cursor.read(Int8.self, field))
        case .uint16: return .uint16(try cursor.read(UInt16.self, field))
        case .int16: return .int16(try cursor.read(Int16.self, field))
        case .uint32: return .uint32(try cursor.read(UInt32.self, field))
        case .int32: return .int32(try cursor.read(Int32.self, field))
        case .float32: return .float32(Float(bitPattern: try cursor.read(UInt32.self, field)))
        case .bool: return .bool(try readBool(field))
        case .string: return .string(try readString(field, byteCountMax: limits.stringByteCountMax))
        case .array: return .array(try readArray(depth: depth + 1, field: field))
        case .uint64: return .uint64(try cursor.read(UInt64.self, field))
        case .int64: return .int64(try cursor.read(Int64.self, field))
        case .float64: return .float64(Double(bitPattern: try cursor.read(UInt64.self, field)))
        }
    }

    private mutating func readBool(_ field: String) throws(ModelFileError) -> Bool {
        let start = cursor.offset
        switch try cursor.read(UInt8.self, field) {
        case 0: return false
        case 1: return true
        case let other: throw ModelFileError(.invalidValue, at: start, "\(field) is bool \(other), not 0 or 1")
        }
    }

    private mutating func readArray(depth: Int, field: String) throws(ModelFileError) -> GGUFArray {
        let start = cursor.offset
        guard depth <= limits.arrayDepthMax else {
            throw ModelFileError(.limitExceeded, at: start,
                                 "\(field) nests arrays \(depth) deep; the limit is \(limits.arrayDepthMax)")
        }
        let elementType = try readValueType("element type of \(field)")
        let countOffset = cursor.offset
        let count = try cursor.read(UInt64.self, "element count of \(field)")
        guard count <= UInt64(limits.arrayCountMax) else {
            throw ModelFileError(.limitExceeded, at: countOffset,
                                 "\(field) has \(count) elements; the limit is \(limits.arrayCountMax)")
        }
        try cursor.requireRoom(for: count, itemByteCount: elementType.minimumByteCount, field)
        return try readElements(elementType, count: Int(count), depth: depth, field: field)
    }

    private mutating func readElements(_ type: GGUFValueType, count: Int, depth: Int, field: String)
        throws(ModelFileError) -> GGUFArray {
        switch type {
        case .uint8: return .uint8(try readIntegers(count, field))
        case .int8: return .int8(try readIntegers(count, field))
        case .uint16: return .uint16(try readIntegers(count, field))
        case .int16: return .int16(try readIntegers(count, field))
        case .uint32: return .uint32(try readIntegers(count, field))
        case .int32: return .int32(try readIntegers(count, field))
        case .uint64: return .uint64(try readIntegers(count, field))
        case .int64: return .int64(try readIntegers(count, field))
        case .float32:
            return .float32(try readIntegers(count, field).map { (bits: UInt32) in Float(bitPattern: bits) })
        case .float64:
            return .float64(try readIntegers(count, field).map { (bits: UInt64) in Double(bitPattern: bits) })
        case .bool: return .bool(try readList(count) { (parser: inout Self) throws(ModelFileError) in
            try parser.readBool(field) })
        case .string: return .string(try readList(count) { (parser: inout Self) throws(ModelFileError) in
            try parser.readString(field, byteCountMax: parser.limits.stringByteCountMax) })
        case .array: return .array(try readList(count) { (parser: inout Self) throws(ModelFileError) in
            try parser.readArray(depth: depth + 1, field: field) })
        }
    }

    private mutating func readIntegers<Value: FixedWidthInteger>(_ count: Int, _ field: String)
        throws(ModelFileError) -> [Value] {
        let body = try cursor.readBytes(count * MemoryLayout<Value>.size, field)  // room checked by the caller
        return (0..<count).map { index in
            Value(littleEndian: body.loadUnaligned(fromByteOffset: index * MemoryLayout<Value>.size, as: Value.self))
        }
    }

    private mutating func readList<Element>(_ count: Int, _ readOne: (inout Self) throws(ModelFileError) -> Element)
        throws(ModelFileError) -> [Element] {
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count { elements.append(try readOne(&self)) }
        return elements
    }
}
