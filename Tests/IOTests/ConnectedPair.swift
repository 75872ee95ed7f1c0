// Makes two ends of one TCP connection on a running loop, for tests that need both.
import IO
import Testing

/// The two ends of a loopback TCP connection, gathered as they arrive. Loop thread only.
final class ConnectedPair {
    private var listener: TCPListener?
    private var client: TCPConnection?
    private var server: TCPConnection?
    private let body: (_ client: TCPConnection, _ server: TCPConnection) -> Void

    /// Listens on `host` port 0, connects to it and calls `body` once both ends exist;
    /// the listener is closed then. Call on the loop thread.
    init(loop: EventLoop, host: String = "127.0.0.1", _ body: @escaping (_ client: TCPConnection, _ server: TCPConnection) -> Void) {
        self.body = body
        do {
            let listener = try loop.listen(host: host, port: 0) { [self] server in
                self.server = server
                finishIfReady()
            }
            self.listener = listener
            loop.connect(host: host, port: listener.localAddress.port, timeout: .seconds(5)) { [self] result in
                switch result {
                case .success(let client):
                    self.client = client
                    finishIfReady()
                case .failure(let error):
                    Issue.record(error, "connect failed")
                }
            }
        } catch {
            Issue.record(error, "listen failed")
        }
    }

    private func finishIfReady() {
        guard let client, let server else { return }
        listener?.close()
        listener = nil
        body(client, server)
    }
}
