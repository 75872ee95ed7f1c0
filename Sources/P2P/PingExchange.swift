/// The ping protocol (`/ipfs/ping/1.0.0`), sans-IO: the dialer sends 32 random bytes, the
/// listener echoes them, and the dialer times the round trip. One stream carries many pings.
public struct PingExchange: Sendable {
    /// The size of every ping payload.
    public static let payloadByteCount = 32

    public enum Role: Sendable {
        case initiator
        case responder
    }

    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case mismatchedEcho
        case unexpectedEcho

        public var description: String {
            switch self {
            case .mismatchedEcho: return "the peer echoed different bytes than were sent"
            case .unexpectedEcho: return "the peer sent ping bytes that were not asked for"
            }
        }
    }

    public let role: Role
    private var buffer: [UInt8] = []
    private var outstanding: [(payload: [UInt8], sentAt: Duration)] = []

    /// At most this many pings may wait for their echo.
    public static let outstandingCountMax = 16

    public init(role: Role) {
        self.role = role
    }

    /// The bytes of a new ping with the caller's random `payload`.
    public mutating func ping(payload: [UInt8], now: Duration) -> [UInt8] {
        precondition(role == .initiator, "only the initiator sends pings")
        precondition(payload.count == Self.payloadByteCount, "a ping payload has 32 bytes")
        precondition(outstanding.count < Self.outstandingCountMax, "too many pings in flight")
        outstanding.append((payload, now))
        return payload
    }

    /// Pings waiting for their echo.
    public var outstandingCount: Int { outstanding.count }

    /// Takes received bytes. A responder gets the bytes to echo back; an initiator gets
    /// the round-trip times of the pings now answered.
    public mutating func receive(_ bytes: [UInt8], now: Duration) throws(Failure) -> (echo: [UInt8], roundTrips: [Duration]) {
        buffer.append(contentsOf: bytes)
        let whole = buffer.count - buffer.count % Self.payloadByteCount
        let complete = Array(buffer.prefix(whole))
        buffer.removeFirst(whole)
        switch role {
        case .responder:
            return (complete, [])
        case .initiator:
            var roundTrips: [Duration] = []
            for start in stride(from: 0, to: complete.count, by: Self.payloadByteCount) {
                guard let first = outstanding.first else { throw .unexpectedEcho }
                guard Array(complete[start..<start + Self.payloadByteCount]) == first.payload else {
                    throw .mismatchedEcho
                }
                outstanding.removeFirst()
                roundTrips.append(now - first.sentAt)
            }
            return ([], roundTrips)
        }
    }
}
