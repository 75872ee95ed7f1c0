import HTTP
import IO

/// One client connection: the socket, its HTTP state machine, and the bytes waiting for the
/// socket's write queue. Loop thread only.
final class APIConnection: APIExchange {
    let tcp: TCPConnection
    private var machine: HTTPServerConnection
    private unowned let server: APIServer
    private let backlogByteCountMax: Int
    /// Bytes the socket refused, sent when it reports it is writable again.
    private var backlog: [UInt8] = []
    private var closesWhenFlushed = false
    /// The responder of the request being answered.
    var responder: APIResponder?

    init(tcp: TCPConnection, server: APIServer, machine: HTTPServerConnection, backlogByteCountMax: Int) {
        self.tcp = tcp
        self.server = server
        self.machine = machine
        self.backlogByteCountMax = backlogByteCountMax
        tcp.onRead = { [weak self] bytes in self?.receive(bytes) }
        tcp.onWritable = { [weak self] in self?.flush() }
        tcp.onClose = { [weak self] _ in self?.didClose() }
    }

    private var now: Duration { tcp.eventLoop.now }

    private func receive(_ bytes: [UInt8]) {
        perform(machine.receive(bytes, now: now))
    }

    func checkTimeout() {
        perform(machine.handleTimeout(now: now))
    }

    func respond(_ response: HTTPResponse) {
        guard machine.isAwaitingResponse else { return }
        responder = nil
        perform(machine.respond(response, now: now))
    }

    func startStream(_ head: HTTPResponseHead) {
        guard machine.isAwaitingResponse else { return }
        perform(machine.startStream(head))
    }

    func stream(_ bytes: [UInt8]) {
        guard machine.isAwaitingResponse else { return }
        perform(machine.stream(bytes))
    }

    func finishStream() {
        guard machine.isAwaitingResponse else { return }
        responder = nil
        perform(machine.finishStream(now: now))
    }

    func abortExchange() {
        perform(machine.close())
    }

    /// Closes at once (the server stops).
    func abort() {
        responder?.cancel()
        tcp.abort()
    }

    private func perform(_ actions: [HTTPConnectionAction]) {
        for action in actions {
            switch action {
            case .write(let bytes): write(bytes)
            case .handle(let request): server.dispatch(request, on: self, client: tcp.remoteAddress.description)
            case .pauseReading: tcp.pauseReading()
            case .resumeReading: tcp.resumeReading()
            case .close:
                if backlog.isEmpty { tcp.close() } else { closesWhenFlushed = true }
            }
        }
    }

    private func write(_ bytes: [UInt8]) {
        guard tcp.isOpen else { return }
        if backlog.isEmpty && tcp.write(bytes) { return }
        backlog += bytes
        if backlog.count > backlogByteCountMax {
            responder?.cancel()
            tcp.abort()
        }
    }

    private func flush() {
        guard !backlog.isEmpty, tcp.write(backlog) else { return }
        backlog = []
        if closesWhenFlushed { tcp.close() }
    }

    private func didClose() {
        responder?.cancel()
        responder = nil
        server.remove(self)
    }
}
