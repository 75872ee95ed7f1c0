import Dispatch
import Foundation
import HTTP
import Hosting
import Identity
import Network
import Node
import P2P
import Wire

/// `oln infer --peer MULTIADDR`: requests over `/oln/infer/1` on one libp2p connection made
/// with a temporary identity (the fee authorisation, not the connection, names the payer).
/// Each request opens a stream of its own, writes its frame as the stream has room, closes
/// its side and reads the one reply frame, at most `InferResponse.byteCountMax` bytes.
final class P2PInferClient: InferTransport, @unchecked Sendable {
    /// How long dialling and the handshakes may take.
    static let connectTimeout: Double = 30

    /// One request in flight: written from the loop thread, awaited on the command's.
    final class Exchange: @unchecked Sendable {
        var pending: [UInt8]
        var reader = RequestFrameReader(byteCountMax: InferResponse.byteCountMax)
        var isOpen = false
        var result: Result<InferResponse, CommandFailure>?
        let done = DispatchSemaphore(value: 0)

        init(_ request: InferRequest) {
            pending = VarintFrameDecoder.frame(request.encoded)
        }
    }

    let address: Multiaddr
    private let session: P2PSession
    private let connected = DispatchSemaphore(value: 0)
    // Loop thread only.
    private var connection: ConnectionID?
    private var failure: String?
    private var exchanges: [UInt32: Exchange] = [:]

    /// Connects to the host at `address` (which names its peer id); throws when it cannot.
    init(address: Multiaddr) throws {
        self.address = address
        session = try P2PSession(identity: IdentityKey())
        session.node.onEvent = { [unowned self] event in handle(event) }
        try session.onLoop { [session] () throws(NetworkError) in try session.node.dial(address) }
        let answered = connected.wait(timeout: .now() + Self.connectTimeout) == .success
        let outcome = try session.onLoop { () throws(NetworkError) in (self.connection, self.failure) }
        guard answered, outcome.0 != nil else {
            session.close()
            throw CommandFailure("cannot reach \(address): \(outcome.1 ?? "no connection within \(Int(Self.connectTimeout)) s")")
        }
    }

    var hostDescription: String { address.description }

    func get(_ path: String) throws -> [String: Any] {
        let response = try exchange(InferRequest(method: "GET", target: path))
        guard response.status == 200 else { throw CommandFailure("GET \(path) on \(address) answered \(response.status)") }
        return Self.object(response.body)
    }

    func post(_ path: String, body: [String: Any], headers: [String: String]) throws -> (Int, [String: Any]) {
        var fields = HTTPHeaders()
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { fields.add(name: name, value: value) }
        let request = InferRequest(method: "POST", target: path, headers: fields,
                                   body: Array(try JSONSerialization.data(withJSONObject: body)))
        let response = try exchange(request)
        return (response.status, Self.object(response.body))
    }

    func close() {
        session.close()
    }

    /// Sends `request` on a stream of its own and waits for the answer.
    func exchange(_ request: InferRequest) throws -> InferResponse {
        let exchange = Exchange(request)
        let queued = session.loop.execute { [self] in start(exchange) }
        guard queued else { throw CommandFailure("the connection to \(address) is closed") }
        guard exchange.done.wait(timeout: .now() + HTTPExchange.timeout) == .success else {
            throw CommandFailure("no answer from \(address) within \(Int(HTTPExchange.timeout)) s")
        }
        guard let result = try session.onLoop({ () throws(NetworkError) in exchange.result }) else {
            throw CommandFailure("no answer from \(address)")
        }
        return try result.get()
    }

    private static func object(_ body: [UInt8]) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    // MARK: - Loop thread

    private func start(_ exchange: Exchange) {
        guard let connection else { return finish(exchange, .failure(CommandFailure(failure ?? "not connected"))) }
        var opened: UInt32?
        session.node.perform { host, now in
            let result = host.openApplicationStream(on: connection, proposing: [InferProtocol.protocolID], now: now)
            opened = result.stream
            return result.output
        }
        guard let opened else { return finish(exchange, .failure(CommandFailure("cannot open a stream to \(address)"))) }
        exchanges[opened] = exchange
    }

    private func handle(_ event: HostEvent) {
        switch event {
        case .connected(let id, _, _) where connection == nil:
            connection = id
            connected.signal()
        case .disconnected(let id, _, let reason) where connection == nil || connection == id:
            connection = nil
            failure = "the connection closed: \(reason)"
            for stream in exchanges.keys { end(stream, .failure(CommandFailure("\(address): \(failure!)"))) }
            connected.signal()
        case .streamOpened(_, let stream, _, false):
            exchanges[stream]?.isOpen = true
            flush(stream)
        case .streamWritable(_, let stream):
            flush(stream)
        case .streamData(_, let stream, let bytes):
            received(bytes, on: stream)
        case .streamRefused(_, let stream):
            end(stream, .failure(CommandFailure("\(address) does not serve \(InferProtocol.protocolID)")))
        case .streamClosed(_, let stream):
            end(stream, .failure(CommandFailure("\(address) ended the stream before answering (it may be busy)")))
        default:
            break
        }
    }

    /// Writes what the stream has room for; once the request has left, closes our side.
    private func flush(_ stream: UInt32) {
        guard let exchange = exchanges[stream], exchange.isOpen, let connection, !exchange.pending.isEmpty else { return }
        let count = min(session.node.host.writableByteCount(on: stream, of: connection), exchange.pending.count)
        guard count > 0 else { return }
        let chunk = Array(exchange.pending.prefix(count))
        exchange.pending.removeFirst(count)
        session.node.perform { host, now in host.write(chunk, to: stream, on: connection, now: now) }
        if exchange.pending.isEmpty {
            session.node.perform { host, now in host.closeWrite(stream, on: connection, now: now) }
        }
    }

    private func received(_ bytes: [UInt8], on stream: UInt32) {
        guard let exchange = exchanges[stream] else { return }
        do {
            guard let frame = try exchange.reader.append(bytes) else { return }
            end(stream, .success(try InferResponse.decode(frame)))
        } catch {
            end(stream, .failure(CommandFailure("\(address) answered with a malformed response: \(error)")))
        }
    }

    /// Forgets a stream (resetting it if it is still open) and hands its exchange the result.
    private func end(_ stream: UInt32, _ result: Result<InferResponse, CommandFailure>) {
        guard let exchange = exchanges.removeValue(forKey: stream) else { return }
        if let connection {
            session.node.perform { host, now in host.reset(stream, on: connection, now: now) }
        }
        finish(exchange, result)
    }

    private func finish(_ exchange: Exchange, _ result: Result<InferResponse, CommandFailure>) {
        exchange.result = result
        exchange.done.signal()
    }
}
