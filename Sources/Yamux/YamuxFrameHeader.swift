/// The 12-byte header that starts every yamux frame (see the layout in Yamux.swift).
public struct YamuxFrameHeader: Sendable, Equatable, CustomStringConvertible {
    /// The size of an encoded header.
    public static let byteCount = 12
    /// The only protocol version there is.
    public static let version: UInt8 = 0

    public var type: YamuxFrameType
    public var flags: YamuxFlags
    public var streamID: UInt32
    /// Payload byte count (Data), window delta (Window Update), opaque value (Ping), or
    /// error code (Go Away).
    public var length: UInt32

    public init(type: YamuxFrameType, flags: YamuxFlags = [], streamID: UInt32, length: UInt32) {
        self.type = type
        self.flags = flags
        self.streamID = streamID
        self.length = length
    }

    /// The header's 12 bytes.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.byteCount)
        append(to: &bytes)
        return bytes
    }

    /// Appends the header's 12 bytes to `bytes`.
    public func append(to bytes: inout [UInt8]) {
        bytes.append(Self.version)
        bytes.append(type.rawValue)
        bytes.append(UInt8(truncatingIfNeeded: flags.rawValue >> 8))
        bytes.append(UInt8(truncatingIfNeeded: flags.rawValue))
        for value in [streamID, length] {
            for shift in stride(from: 24, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
            }
        }
    }

    /// Decodes and checks the header in the first 12 bytes of `bytes`: the version, the type,
    /// the flags allowed for the type, and whether the type belongs on stream 0.
    /// - Precondition: `bytes` holds at least 12 bytes.
    public static func decode(_ bytes: ArraySlice<UInt8>) throws(YamuxError) -> YamuxFrameHeader {
        precondition(bytes.count >= byteCount, "a yamux header needs \(byteCount) bytes")
        let start = bytes.startIndex
        guard bytes[start] == version else { throw .unsupportedVersion(bytes[start]) }
        guard let type = YamuxFrameType(rawValue: bytes[start + 1]) else {
            throw .unknownFrameType(bytes[start + 1])
        }
        let flags = YamuxFlags(rawValue: UInt16(bytes[start + 2]) << 8 | UInt16(bytes[start + 3]))
        let header = YamuxFrameHeader(
            type: type, flags: flags,
            streamID: bigEndianWord(bytes, at: start + 4), length: bigEndianWord(bytes, at: start + 8))
        try header.validate()
        return header
    }

    private static func bigEndianWord(_ bytes: ArraySlice<UInt8>, at index: Int) -> UInt32 {
        bytes[index..<index + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Checks the rules that need no session state.
    private func validate() throws(YamuxError) {
        guard YamuxFlags.all.isSuperset(of: flags) else { throw .invalidFlags(type: type, flags: flags.rawValue) }
        if type.isStreamFrame {
            guard streamID != 0 else { throw .streamFrameOnSession(type: type) }
            // SYN opens, ACK answers an opening: one frame cannot do both.
            guard !flags.isSuperset(of: [.syn, .ack]) else { throw .invalidFlags(type: type, flags: flags.rawValue) }
            return
        }
        guard streamID == 0 else { throw .sessionFrameOnStream(type: type, streamID: streamID) }
        let allowed: [YamuxFlags] = type == .ping ? [.syn, .ack] : [[]]
        guard allowed.contains(flags) else { throw .invalidFlags(type: type, flags: flags.rawValue) }
    }

    public var description: String {
        let names = [(YamuxFlags.syn, "SYN"), (.ack, "ACK"), (.fin, "FIN"), (.rst, "RST")]
            .filter { flags.contains($0.0) }.map(\.1)
        return "\(type) [\(names.joined(separator: " "))] stream \(streamID) length \(length)"
    }
}
