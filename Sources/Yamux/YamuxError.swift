/// What went wrong in a `YamuxSession`, in two groups.
///
/// Protocol violations by the peer (`violation` is non-nil) are fatal to the connection:
/// the session queues a Go Away with `YamuxGoAwayCode.protocolError`, reports
/// `.connectionError`, and ignores further input; the caller sends the remaining outbound
/// bytes and closes. Only these appear in `.connectionError`.
///
/// Refused local operations (`violation` is nil) are thrown by `openStream()` and
/// `write(_:to:)`; they leave the session as it was. Asking about a stream id that was
/// never opened is a programmer error and traps instead.
public enum YamuxError: Error, Sendable, Equatable, CustomStringConvertible {
    // MARK: Protocol violations

    /// The header's version byte is not 0.
    case unsupportedVersion(UInt8)
    /// The header's type byte is not 0 through 3.
    case unknownFrameType(UInt8)
    /// The flags are not allowed for the frame type: undefined bits, SYN with ACK, a ping
    /// that is not exactly SYN or ACK, or a go-away with flags.
    case invalidFlags(type: YamuxFrameType, flags: UInt16)
    /// A ping or go-away names a stream other than 0.
    case sessionFrameOnStream(type: YamuxFrameType, streamID: UInt32)
    /// A data or window-update frame names stream 0.
    case streamFrameOnSession(type: YamuxFrameType)
    /// The peer opened a stream with an id of our parity.
    case wrongStreamParity(streamID: UInt32)
    /// The peer opened a stream with an id it used before (ids only increase).
    case streamIDReuse(streamID: UInt32)
    /// A frame without SYN names a stream id that was never opened.
    case unknownStream(streamID: UInt32)
    /// Data arrived on a stream after the peer half-closed it.
    case dataAfterFin(streamID: UInt32)
    /// A data frame is larger than the receive window the peer was given.
    case windowExceeded(streamID: UInt32, byteCount: Int, windowByteCount: Int)
    /// A data frame is larger than `YamuxConfiguration.frameByteCountMax`.
    case frameTooLarge(streamID: UInt32, byteCount: Int, byteCountMax: Int)

    // MARK: Refused local operations

    /// The session failed with a protocol violation; nothing more can be sent.
    case sessionFailed
    /// A go-away was sent or received; no new streams may be opened.
    case goingAway
    /// `YamuxConfiguration.streamCountMax` streams are open.
    case tooManyStreams(streamCountMax: Int)
    /// Every stream id of our parity has been used.
    case streamIDsExhausted
    /// The stream was half-closed by us, reset by either side, or fully closed.
    case streamNotWritable(streamID: UInt32)
    /// The write would grow the stream's send queue beyond
    /// `YamuxConfiguration.bufferedSendByteCountMax`; nothing was queued.
    case sendQueueFull(streamID: UInt32, queuedByteCount: Int, byteCountMax: Int)

    /// The kind of protocol violation, or nil for a refused local operation.
    public var violation: YamuxViolation? {
        switch self {
        case .unsupportedVersion: .unsupportedVersion
        case .unknownFrameType: .unknownFrameType
        case .invalidFlags: .invalidFlags
        case .sessionFrameOnStream: .sessionFrameOnStream
        case .streamFrameOnSession: .streamFrameOnSession
        case .wrongStreamParity: .wrongStreamParity
        case .streamIDReuse: .streamIDReuse
        case .unknownStream: .unknownStream
        case .dataAfterFin: .dataAfterFin
        case .windowExceeded: .windowExceeded
        case .frameTooLarge: .frameTooLarge
        case .sessionFailed, .goingAway, .tooManyStreams, .streamIDsExhausted, .streamNotWritable, .sendQueueFull: nil
        }
    }

    public var description: String {
        violationDescription ?? operationDescription
    }

    private var violationDescription: String? {
        switch self {
        case .unsupportedVersion(let version):
            "The peer sent a yamux frame with version \(version); only version 0 exists."
        case .unknownFrameType(let type):
            "The peer sent a yamux frame of unknown type \(type)."
        case .invalidFlags(let type, let flags):
            "The peer sent a \(type) frame with flags 0x\(String(flags, radix: 16)), which that type does not allow."
        case .sessionFrameOnStream(let type, let streamID):
            "The peer sent a \(type) frame on stream \(streamID); that type belongs on stream 0."
        case .streamFrameOnSession(let type):
            "The peer sent a \(type) frame on stream 0, which is reserved for the session."
        case .wrongStreamParity(let streamID):
            "The peer opened stream \(streamID), an id of our parity; both sides may not be the same role."
        case .streamIDReuse(let streamID):
            "The peer opened stream \(streamID) again, or opened it after a higher id."
        case .unknownStream(let streamID):
            "The peer sent a frame on stream \(streamID), which was never opened."
        case .dataAfterFin(let streamID):
            "The peer sent data on stream \(streamID) after half-closing it."
        case .windowExceeded(let streamID, let byteCount, let windowByteCount):
            "The peer sent \(byteCount) bytes on stream \(streamID), more than its window of \(windowByteCount) bytes."
        case .frameTooLarge(let streamID, let byteCount, let byteCountMax):
            "The peer sent a data frame of \(byteCount) bytes on stream \(streamID); the limit is \(byteCountMax) bytes."
        default:
            nil
        }
    }

    private var operationDescription: String {
        switch self {
        case .goingAway:
            "The yamux session is going away; no new streams may be opened."
        case .tooManyStreams(let streamCountMax):
            "The yamux session already has \(streamCountMax) open streams, its limit."
        case .streamIDsExhausted:
            "The yamux session has used every stream id it may open."
        case .streamNotWritable(let streamID):
            "Stream \(streamID) is closed for writing."
        case .sendQueueFull(let streamID, let queuedByteCount, let byteCountMax):
            "Stream \(streamID) already queues \(queuedByteCount) bytes; the write would pass the limit of \(byteCountMax) bytes."
        default:
            "The yamux session failed; nothing more can be sent on it."
        }
    }
}
