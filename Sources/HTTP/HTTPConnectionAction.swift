/// What the I/O layer does for an `HTTPServerConnection`, in the order given.
public enum HTTPConnectionAction: Sendable, Equatable {
    /// Send these bytes.
    case write([UInt8])
    /// Hand this request to the application, which answers with `respond` or a stream.
    case handle(HTTPRequest)
    /// Stop reading from the socket (pipelined bytes are piling up).
    case pauseReading
    /// Read again.
    case resumeReading
    /// Close the connection once the bytes written so far are sent.
    case close
}
