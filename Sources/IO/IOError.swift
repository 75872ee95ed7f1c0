import CLibUV

/// An error from a socket, a timer or the event loop.
///
/// Errors that libuv reports keep libuv's negative error code; their description is
/// libuv's text followed by the error's name, for example
/// `"connection refused (ECONNREFUSED)"`.
public enum IOError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An error reported by libuv or the operating system, with libuv's (negative) code.
    case system(code: Int32)
    /// An operation did not finish within its time limit.
    case timedOut
    /// A host is not an IPv4 or IPv6 address literal (names are not resolved here).
    case invalidAddress(String)
    /// The event loop is stopping or has stopped.
    case closed
    /// The event loop already holds `EventLoop.connectionCountMax` connections.
    case connectionLimitReached

    /// The peer refused the connection (`ECONNREFUSED`).
    public static let connectionRefused = IOError.system(code: UV_ECONNREFUSED.rawValue)
    /// The peer reset the connection (`ECONNRESET`).
    public static let connectionReset = IOError.system(code: UV_ECONNRESET.rawValue)
    /// The peer closed the connection while bytes were being written (`EPIPE`).
    public static let brokenPipe = IOError.system(code: UV_EPIPE.rawValue)
    /// The address is already bound by another socket (`EADDRINUSE`).
    public static let addressInUse = IOError.system(code: UV_EADDRINUSE.rawValue)
    /// The address is not one of this machine's (`EADDRNOTAVAIL`).
    public static let addressNotAvailable = IOError.system(code: UV_EADDRNOTAVAIL.rawValue)

    /// Wraps a negative libuv status code.
    init(status: Int32) {
        precondition(status < 0, "libuv status \(status) is not an error")
        self = .system(code: status)
    }

    /// Wraps a negative libuv status code carried in a wider integer (read callbacks).
    init(status: Int) {
        precondition(status < 0 && status >= Int(Int32.min), "libuv status \(status) is not an error")
        self = .system(code: Int32(status))
    }

    /// libuv's name for a system error (`"ECONNREFUSED"`), or the case name otherwise.
    public var name: String {
        switch self {
        case .system(let code):
            return Self.text(of: code, using: uv_err_name_r)
        case .timedOut:
            return "timedOut"
        case .invalidAddress:
            return "invalidAddress"
        case .closed:
            return "closed"
        case .connectionLimitReached:
            return "connectionLimitReached"
        }
    }

    public var description: String {
        switch self {
        case .system(let code):
            return "\(Self.text(of: code, using: uv_strerror_r)) (\(name))"
        case .timedOut:
            return "operation timed out"
        case .invalidAddress(let host):
            return "invalid address \"\(host)\": not an IPv4 or IPv6 literal"
        case .closed:
            return "the event loop is closed"
        case .connectionLimitReached:
            return "the event loop's connection limit is reached"
        }
    }

    /// Runs one of libuv's thread-safe `*_r` text functions into a local buffer.
    private static func text(
        of code: Int32,
        using function: (Int32, UnsafeMutablePointer<CChar>?, Int) -> UnsafeMutablePointer<CChar>?
    ) -> String {
        let byteCountMax = 128
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: byteCountMax) { buffer in
            buffer.initialize(repeating: 0)
            _ = function(code, buffer.baseAddress, byteCountMax)
            return String(cString: buffer.baseAddress!)
        }
    }
}
