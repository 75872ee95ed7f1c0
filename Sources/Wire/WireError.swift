/// Every way decoding wire bytes or text can fail.
///
/// Decoders in this module never trap on input; they throw one of these cases instead.
/// Each case carries enough context for ``description`` to tell a user what is wrong.
public enum WireError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input ended while the named item was being read.
    case truncated(String)
    /// A varint used more bytes than needed (a final zero byte after the first).
    case overlongVarint
    /// A varint encodes a value larger than the largest value allowed.
    case varintOverflow
    /// The named item is larger than `limit` (bytes, fields or characters, as named).
    case limitExceeded(String, limit: Int)
    /// A protobuf key carries a wire type other than 0, 1, 2 or 5.
    case invalidWireType(UInt8)
    /// A protobuf key carries field number 0 or a number above 2^29 − 1.
    case invalidFieldNumber(UInt64)
    /// A protobuf field has a different wire type than its schema requires.
    case wireTypeMismatch(field: Int, expected: ProtobufWireType, actual: ProtobufWireType)
    /// A canonical protobuf message has a field after one with a higher number.
    case fieldsOutOfOrder(previous: Int, next: Int)
    /// A protobuf field that may appear once appears again.
    case duplicateField(Int)
    /// A protobuf message that allows no unknown fields has one.
    case unknownField(Int)
    /// A required protobuf field is absent.
    case missingField(Int)
    /// Protobuf messages are nested deeper than `limit` levels.
    case nestingTooDeep(limit: Int)
    /// A protobuf string field is not valid UTF-8.
    case invalidUTF8(field: Int)
    /// A value was decoded but lies outside the range its type allows.
    case valueOutOfRange(String)
    /// Text contains a character its encoding does not allow.
    case invalidCharacter(String)
    /// Text is malformed in a way other than a single bad character.
    case invalidText(String)
    /// A multiaddr uses a protocol code this module does not know.
    case unknownProtocolCode(UInt64)
    /// A multiaddr uses a protocol name this module does not know.
    case unknownProtocolName(String)
    /// Bytes remain after a value that must fill its whole input.
    case trailingBytes(Int)
    /// The input decodes, but not in the one canonical form that is required.
    case nonCanonical(String)

    /// A sentence that tells a user what is wrong with the input.
    public var description: String {
        switch self {
        case .truncated(let what):
            "The input ended early while reading \(what)."
        case .overlongVarint:
            "A varint is encoded with more bytes than needed; only the minimal encoding is accepted."
        case .varintOverflow:
            "A varint encodes a value larger than the largest value allowed."
        case .limitExceeded(let what, let limit):
            "The \(what) exceeds its limit of \(limit)."
        case .invalidWireType(let wireType):
            "Protobuf wire type \(wireType) is not supported; only 0, 1, 2 and 5 are."
        case .invalidFieldNumber(let number):
            "Protobuf field number \(number) is invalid; field numbers run from 1 to 536870911."
        case .wireTypeMismatch(let field, let expected, let actual):
            "Protobuf field \(field) has wire type \(actual) but \(expected) is required."
        case .fieldsOutOfOrder(let previous, let next):
            "Protobuf field \(next) follows field \(previous); canonical messages list fields in increasing order."
        case .duplicateField(let field):
            "Protobuf field \(field) appears more than once."
        case .unknownField(let field):
            "Protobuf field \(field) is not part of this message."
        case .missingField(let field):
            "Required protobuf field \(field) is missing."
        case .nestingTooDeep(let limit):
            "Protobuf messages are nested more than \(limit) levels deep."
        case .invalidUTF8(let field):
            "Protobuf field \(field) is not valid UTF-8 text."
        case .valueOutOfRange(let detail):
            "A value is out of range: \(detail)."
        case .invalidCharacter(let detail):
            "The text contains an invalid character: \(detail)."
        case .invalidText(let detail):
            "The text is malformed: \(detail)."
        case .unknownProtocolCode(let code):
            "Multiaddr protocol code \(code) is not supported."
        case .unknownProtocolName(let name):
            "Multiaddr protocol \"\(name)\" is not supported."
        case .trailingBytes(let count):
            count == 1
                ? "1 unexpected byte follows the end of the value."
                : "\(count) unexpected bytes follow the end of the value."
        case .nonCanonical(let detail):
            "The input is not in canonical form: \(detail)."
        }
    }
}
