/// The protobuf shared by the libp2p `PublicKey` and `PrivateKey` messages:
///
/// ```
/// required KeyType Type = 1;   // 08 ‖ varint
/// required bytes   Data = 2;   // 12 ‖ varint length ‖ bytes
/// ```
///
/// The specification requires a deterministic encoding, so decoding is strict: exactly
/// one Type then exactly one Data, no unknown fields, minimal varints. Encoding always
/// writes both fields, Type even when it is 0 (RSA), as go-libp2p and rust-libp2p do.
enum LibP2PKeyMessage {
    static let typeField = 1
    static let dataField = 2

    static func encode(type: LibP2PKeyType, data: [UInt8]) -> [UInt8] {
        var writer = ProtobufWriter()
        writer.writeVarint(type.rawValue, field: typeField)
        writer.writeBytes(data, field: dataField)
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8], byteCountMax: Int) throws(WireError) -> (type: LibP2PKeyType, data: [UInt8]) {
        let limits = ProtobufLimits(
            messageByteCountMax: byteCountMax,
            fieldByteCountMax: byteCountMax,
            nestingDepthMax: 0,
            fieldCountMax: 3
        )
        var reader = try ProtobufReader(bytes, limits: limits, strictness: .canonical)
        let type = try readType(from: &reader)
        let data = try readData(from: &reader)
        if let extra = try reader.next() {
            throw extra.number == dataField ? .duplicateField(dataField) : .unknownField(extra.number)
        }
        return (type, data)
    }

    private static func readType(from reader: inout ProtobufReader) throws(WireError) -> LibP2PKeyType {
        guard let field = try reader.next() else { throw .missingField(typeField) }
        guard field.number == typeField else {
            _ = try reader.next()  // a Type after Data throws fieldsOutOfOrder
            throw .missingField(typeField)
        }
        let raw = try field.enumValue()
        guard let type = LibP2PKeyType(rawValue: raw) else {
            throw .valueOutOfRange("key type \(raw) is not one of RSA (0), Ed25519 (1), Secp256k1 (2), ECDSA (3)")
        }
        return type
    }

    private static func readData(from reader: inout ProtobufReader) throws(WireError) -> [UInt8] {
        guard let field = try reader.next() else { throw .missingField(dataField) }
        switch field.number {
        case typeField: throw .duplicateField(typeField)
        case dataField: return try field.bytes()
        default: throw .missingField(dataField)
        }
    }
}
