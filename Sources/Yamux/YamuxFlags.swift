/// The flags field of a yamux frame header. The names are the specification's terms of art.
public struct YamuxFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16

    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// Opens a stream (Data or Window Update), or marks a ping request.
    public static let syn = YamuxFlags(rawValue: 0x1)
    /// Accepts a stream (Data or Window Update), or marks a ping response.
    public static let ack = YamuxFlags(rawValue: 0x2)
    /// Half-closes a stream: the sender sends no more data on it.
    public static let fin = YamuxFlags(rawValue: 0x4)
    /// Resets a stream in both directions at once.
    public static let rst = YamuxFlags(rawValue: 0x8)

    /// Every flag the specification defines; other bits are invalid.
    public static let all: YamuxFlags = [.syn, .ack, .fin, .rst]
}
