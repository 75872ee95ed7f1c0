import IO

/// Raw TCP over loopback on one loop thread: the ceiling the encrypted stream is compared to.
final class TCPCopyBenchmark: @unchecked Sendable {
    let byteCount: Int
    private let chunk = [UInt8](repeating: 0x5a, count: 64 * 1024)
    private var sent = 0
    private var received = 0
    private var started = 0.0
    private var sender: TCPConnection?
    private let done = Completion()
    private var finished = 0.0

    init(byteCount: Int) {
        self.byteCount = byteCount
    }

    /// Megabytes per second.
    func run() throws -> Double {
        let loop = try EventLoop()
        loop.start()
        defer { loop.stop() }
        loop.execute { [self] in
            do {
                let listener = try loop.listen(host: "127.0.0.1", port: 0) { [self] socket in
                    socket.onRead = { [self] bytes in
                        received += bytes.count
                        if received >= byteCount {
                            finished = BenchSupport.seconds()
                            done.signal()
                        }
                    }
                }
                loop.connect(host: "127.0.0.1", port: listener.localAddress.port, timeout: .seconds(5)) { [self] result in
                    guard case .success(let socket) = result else { return done.signal() }
                    sender = socket
                    started = BenchSupport.seconds()
                    socket.onWritable = { [self] in pump() }
                    pump()
                }
            } catch {
                done.signal()
            }
        }
        guard done.wait(seconds: 120), finished > started else { return 0 }
        return Double(byteCount) / (finished - started) / 1e6
    }

    private func pump() {
        guard let sender else { return }
        while sent < byteCount {
            guard sender.write(chunk) else { return }
            sent += chunk.count
        }
    }
}
