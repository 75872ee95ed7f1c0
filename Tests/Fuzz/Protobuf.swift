// fuzz-modules: Wire
// Fuzzes ProtobufReader in lenient and canonical mode, descending into every
// length-delimited field that parses as a message. Invariants: a canonical message
// re-encodes to exactly its input; a lenient one re-encodes to the same fields in
// field-number order.
import Wire

/// Reads every field, recursing into nested messages; nil if any read fails at the top.
func readAll(_ reader: ProtobufReader) -> [ProtobufField]? {
    var reader = reader
    var fields: [ProtobufField] = []
    do {
        while let field = try reader.next() {
            fields.append(field)
            if let nested = try? reader.nestedReader(for: field) { _ = readAll(nested) }
        }
    } catch {
        return nil
    }
    return fields
}

func encode(_ fields: [ProtobufField]) -> [UInt8] {
    var writer = ProtobufWriter()
    for field in fields {
        switch field.value {
        case .varint(let value): writer.writeVarint(value, field: field.number)
        case .fixed32(let value): writer.writeFixed32(value, field: field.number)
        case .fixed64(let value): writer.writeFixed64(value, field: field.number)
        case .lengthDelimited(let value): writer.writeBytes(value, field: field.number)
        }
    }
    return writer.bytes
}

func canonicalFields(_ bytes: [UInt8]) -> [ProtobufField]? {
    guard let reader = try? ProtobufReader(bytes, strictness: .canonical) else { return nil }
    return readAll(reader)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let fields = canonicalFields(bytes), encode(fields) != bytes {
        fatalError("canonical message \(bytes) re-encodes as \(encode(fields))")
    }
    guard let reader = try? ProtobufReader(bytes, strictness: .lenient), let fields = readAll(reader) else { return 0 }
    let sorted = fields.enumerated().sorted { ($0.element.number, $0.offset) < ($1.element.number, $1.offset) }
    guard let reread = canonicalFields(encode(fields)), reread == sorted.map(\.element) else {
        fatalError("lenient message \(bytes) does not survive re-encoding")
    }
    return 0
}
