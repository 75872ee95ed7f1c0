/// How strictly a ``ProtobufReader`` checks field order.
public enum ProtobufStrictness: Sendable {
    /// Fields may come in any order and repeat, as protobuf parsers allow.
    case lenient
    /// Field numbers must not decrease; equal numbers may only be consecutive
    /// (entries of a repeated field). Use for deterministic encodings that are signed or hashed.
    case canonical
}
