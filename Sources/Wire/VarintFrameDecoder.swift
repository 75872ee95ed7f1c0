/// Splits a byte stream into uvarint-length-prefixed frames, as identify, pubsub and other
/// libp2p stream protocols send their protobuf messages: `uvarint(length) ‖ length bytes`.
///
/// Bytes may arrive in any fragmentation. A frame announced longer than `frameByteCountMax`
/// is refused before its bytes arrive, so a peer cannot make the decoder buffer unboundedly.
public struct VarintFrameDecoder: Sendable {
    /// The longest frame accepted.
    public let frameByteCountMax: Int
    private var buffer: [UInt8] = []

    public init(frameByteCountMax: Int) {
        precondition(frameByteCountMax >= 0, "a frame limit cannot be negative")
        self.frameByteCountMax = frameByteCountMax
    }

    /// Bytes received but not yet part of a complete frame.
    public var bufferedByteCount: Int { buffer.count }

    /// Appends `bytes` and returns every frame now complete, in order.
    public mutating func append(_ bytes: some Collection<UInt8>) throws(WireError) -> [[UInt8]] {
        buffer.append(contentsOf: bytes)
        var frames: [[UInt8]] = []
        var offset = 0
        while let (frame, next) = try frame(at: offset) {
            frames.append(frame)
            offset = next
        }
        buffer.removeFirst(offset)
        return frames
    }

    private func frame(at offset: Int) throws(WireError) -> (frame: [UInt8], next: Int)? {
        guard offset < buffer.count else { return nil }
        let prefix = buffer[offset...]
        let length: UInt64
        let prefixByteCount: Int
        do {
            (length, prefixByteCount) = try Varint.decode(prefix, byteCountMax: Varint.multiformatsByteCountMax)
        } catch .truncated {
            return nil
        }
        guard length <= UInt64(frameByteCountMax) else {
            throw .limitExceeded("length-prefixed frame byte count", limit: frameByteCountMax)
        }
        let start = offset + prefixByteCount
        guard buffer.count - start >= Int(length) else { return nil }
        let end = start + Int(length)
        return (Array(buffer[start..<end]), end)
    }

    /// One frame: `uvarint(length) ‖ bytes`.
    public static func frame(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var framed: [UInt8] = []
        framed.reserveCapacity(bytes.count + Varint.byteCountMax)
        Varint.append(UInt64(bytes.count), to: &framed)
        framed.append(contentsOf: bytes)
        return framed
    }
}
