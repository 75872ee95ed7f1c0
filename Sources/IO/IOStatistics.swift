/// Counters of an event loop's traffic, as a snapshot taken by `EventLoop.statistics`.
public struct IOStatistics: Hashable, Sendable {
    /// Bytes read from TCP connections (including bytes discarded while closing).
    public var bytesRead: UInt64 = 0
    /// Bytes the kernel accepted for sending on TCP connections.
    public var bytesWritten: UInt64 = 0
    /// Inbound connections accepted by listeners and handed to their owners.
    public var connectionsAccepted: UInt64 = 0
    /// Outbound connections that completed `connect`.
    public var connectionsOpened: UInt64 = 0
    /// Open connections (inbound or outbound) whose handle has closed.
    public var connectionsClosed: UInt64 = 0
    /// Inbound connections closed at once because `connectionCountMax` was reached.
    public var connectionsRejected: UInt64 = 0
    /// Inbound connections that failed between the kernel's accept and the owner.
    public var acceptErrors: UInt64 = 0
    /// Calls to `TCPConnection.write` refused because the write queue was full.
    public var writesRefused: UInt64 = 0

    /// Creates a snapshot with every counter at zero.
    public init() {}
}
