import IO
import Identity
import Network
import P2P
import Wire

/// Bytes through one encrypted yamux stream between two of our nodes over loopback, both
/// on one loop thread (one core): TCP, Noise and yamux on every byte.
final class StreamThroughputBenchmark: @unchecked Sendable {
    static let protocolID = "/oln/bench/1"
    let byteCount: Int
    private let chunk = [UInt8](repeating: 0xa5, count: 60 * 1024)
    private var sent = 0
    private var received = 0
    private var started = 0.0
    private var finished = 0.0
    private var stream: (ConnectionID, UInt32)?
    private let done = Completion()

    init(byteCount: Int) {
        self.byteCount = byteCount
    }

    /// Megabytes per second.
    func run() throws -> Double {
        let loop = try EventLoop()
        loop.start()
        defer { loop.stop() }
        var configuration = HostConfiguration()
        configuration.connection.inboundProtocols.insert(Self.protocolID)
        let receiver = P2PNode(loop: loop, identity: IdentityKey(), configuration: configuration)
        let sender = P2PNode(loop: loop, identity: IdentityKey(), configuration: configuration)
        receiver.onEvent = { [self] event in
            guard case .streamData(_, _, let bytes) = event else { return }
            received += bytes.count
            if received >= byteCount {
                finished = BenchSupport.seconds()
                done.signal()
            }
        }
        sender.onEvent = { [self] event in handleSender(event, sender) }
        let listenAddress = try Multiaddr("/ip4/127.0.0.1/tcp/0")
        loop.execute {
            guard let address = try? receiver.listen(on: listenAddress) else { return }
            try? sender.dial(address)
        }
        guard done.wait(seconds: 300), finished > started else { return 0 }
        loop.execute { sender.shutdown(); receiver.shutdown() }
        return Double(byteCount) / (finished - started) / 1e6
    }

    private func handleSender(_ event: HostEvent, _ sender: P2PNode) {
        switch event {
        case .connected(let id, _, _):
            sender.perform { host, now in host.openApplicationStream(on: id, proposing: [Self.protocolID], now: now).output }
        case .streamOpened(let id, let stream, _, false):
            self.stream = (id, stream)
            started = BenchSupport.seconds()
            pump(sender)
        case .streamWritable(let id, let stream) where self.stream.map({ $0 == (id, stream) }) == true:
            pump(sender)
        default:
            break
        }
    }

    /// Writes while the stream's send queue has room; `.streamWritable` resumes it.
    private func pump(_ sender: P2PNode) {
        guard let (id, stream) = stream else { return }
        while sent < byteCount && sender.host.writableByteCount(on: stream, of: id) >= chunk.count {
            sent += chunk.count
            sender.perform { host, now in host.write(chunk, to: stream, on: id, now: now) }
        }
    }
}
