import Wire

/// The one frame of a request/response stream, `uvarint(length) ‖ bytes`, read as its bytes
/// arrive in any fragmentation: a length over the limit is refused as soon as it is read
/// (before its bytes arrive), and any byte after the frame is refused. Sans-IO.
public struct RequestFrameReader: Sendable {
    private var decoder: VarintFrameDecoder
    /// The frame, once whole.
    public private(set) var frame: [UInt8]?

    /// A reader of one frame of at most `byteCountMax` bytes.
    public init(byteCountMax: Int) {
        decoder = VarintFrameDecoder(frameByteCountMax: byteCountMax)
    }

    /// Takes the next bytes of the stream; returns the frame when these bytes complete it.
    /// Throws when the length is over the limit or malformed, or bytes follow the frame.
    public mutating func append(_ bytes: [UInt8]) throws(WireError) -> [UInt8]? {
        guard frame == nil else {
            if bytes.isEmpty { return nil }
            throw .trailingBytes(bytes.count)
        }
        let frames = try decoder.append(bytes)
        guard let first = frames.first else { return nil }
        let extra = frames.dropFirst().reduce(decoder.bufferedByteCount) { total, frame in
            total + Varint.encodedByteCount(of: UInt64(frame.count)) + frame.count
        }
        guard extra == 0 else { throw .trailingBytes(extra) }
        frame = first
        return first
    }
}
