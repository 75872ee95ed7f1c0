/// Bounds that a ``ProtobufReader`` enforces on untrusted input.
public struct ProtobufLimits: Sendable, Equatable {
    /// The largest message, in bytes, a reader accepts.
    public var messageByteCountMax: Int
    /// The largest length-delimited field value, in bytes.
    public var fieldByteCountMax: Int
    /// How many levels of nested messages ``ProtobufReader/nestedReader(for:)`` allows.
    public var nestingDepthMax: Int
    /// The most fields one reader returns.
    public var fieldCountMax: Int

    /// Limits for general use: 4 MiB messages and fields, 16 levels, 65536 fields.
    public static let standard = ProtobufLimits(
        messageByteCountMax: 4 << 20,
        fieldByteCountMax: 4 << 20,
        nestingDepthMax: 16,
        fieldCountMax: 65_536
    )

    /// Limits with the given bounds.
    public init(messageByteCountMax: Int, fieldByteCountMax: Int, nestingDepthMax: Int, fieldCountMax: Int) {
        self.messageByteCountMax = messageByteCountMax
        self.fieldByteCountMax = fieldByteCountMax
        self.nestingDepthMax = nestingDepthMax
        self.fieldCountMax = fieldCountMax
    }
}
