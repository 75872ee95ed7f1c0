import Foundation
import Identity
import Synchronization
import Testing
import TestSupport
@testable import Node

/// Request/response protocols (`RequestService`) between two runtimes on loopback: the
/// serving node's limits, its counters, and what the asking node hears.
@Suite("request streams between nodes", .serialized)
struct RequestStreamTests {
    static let protocolID = "/oln/test-echo/1"

    /// The handler's replies held back until a test releases them.
    final class HeldReplies: Sendable {
        let replies = Mutex<[RequestService.Reply]>([])
        /// The held requests' cancellations, in the order they arrived.
        let cancellations = Mutex<[RequestCancellation]>([])
        var count: Int { replies.withLock { $0.count } }
        var cancelled: [Bool] { cancellations.withLock { $0.map(\.isCancelled) } }
        func releaseAll(_ response: [UInt8]) {
            for reply in replies.withLock({ $0 }) { reply(response) }
        }
    }

    /// A serving node and an asking node connected to it; the server answers with the
    /// request reversed, or holds its replies when `held` is given.
    static func pair(_ cluster: NodeCluster, limits: RequestLimits, held: HeldReplies? = nil) throws -> (NodeRuntime, NodeRuntime) {
        let server = try NodeRuntime(directory: try cluster.directory("server", key: cluster.validatorKeys[0], bootstrap: []),
                                     options: .init(log: NodeCluster.log(NodeDirectory(path: cluster.root + "/server"))))
        server.serveRequests(RequestService(protocolID: protocolID, limits: limits) { request, _, reply, cancellation in
            if let held {
                held.replies.withLock { $0.append(reply) }
                held.cancellations.withLock { $0.append(cancellation) }
            } else {
                reply(request.reversed())
            }
        })
        let address = try server.start().first!.description
        let (asker, _) = try cluster.start(try cluster.directory("asker", key: nil, bootstrap: [address]))
        let connected = NodeCluster.wait(seconds: 10) {
            asker.onLoop { $0.connections.values.contains(server.identity.peerID) } == true
                && server.onLoop { $0.connections.values.contains(asker.identity.peerID) } == true
        }
        try #require(connected)
        return (server, asker)
    }

    static func ask(_ asker: NodeRuntime, _ bytes: [UInt8], of server: NodeRuntime, protocolID: String = protocolID,
                    timeout: Duration = .seconds(5)) -> Result<[UInt8], RequestError>? {
        let box = ValueBox<Result<[UInt8], RequestError>>()
        asker.request(bytes, to: server.identity.peerID, protocolID: protocolID, responseByteCountMax: 2 << 20,
                      timeout: timeout) { box.set($0) }
        return box.wait(seconds: 10)
    }

    @Test("a request is answered, small or larger than a stream's window, and counted")
    func answered() throws {
        let cluster = try NodeCluster(validatorCount: 1, slotMilliseconds: 100)
        let (server, asker) = try Self.pair(cluster, limits: RequestLimits(requestByteCountMax: 2 << 20, responseByteCountMax: 2 << 20))
        defer { asker.stop(); server.stop() }
        #expect(Self.ask(asker, [1, 2, 3], of: server) == .success([3, 2, 1]))
        let large = (0..<1_500_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let answer = Self.ask(asker, large, of: server)
        let matches = answer == .success(large.reversed())
        #expect(matches, "\(answer.map { $0.map(\.count) } as Any)")
        #expect(Self.ask(asker, [], of: server) == .success([]))
        #expect(NodeCluster.wait(seconds: 5) { server.requestCounters(for: Self.protocolID).served == 3 })
        #expect(NodeCluster.wait(seconds: 5) { server.onLoop { $0.requestStreams.isEmpty } == true })
        #expect(asker.onLoop { $0.requestStreams.isEmpty } == true)
        #expect(server.onLoop { $0.gossip.node.host.identifyMessage(observed: nil).protocols.contains(Self.protocolID) } == true)
    }

    @Test("a request over the limit drops the peer that sent it")
    func oversized() throws {
        let cluster = try NodeCluster(validatorCount: 1, slotMilliseconds: 100)
        let (server, asker) = try Self.pair(cluster, limits: RequestLimits(requestByteCountMax: 64, responseByteCountMax: 64))
        defer { asker.stop(); server.stop() }
        #expect(Self.ask(asker, [UInt8](repeating: 1, count: 64), of: server) == .success([UInt8](repeating: 1, count: 64)))
        #expect(Self.ask(asker, [UInt8](repeating: 1, count: 65), of: server) == .failure(.closed))
        #expect(server.requestCounters(for: Self.protocolID).malformed == 1)
        #expect(NodeCluster.wait(seconds: 5) { server.requestCounters(for: Self.protocolID).served == 1 })
        #expect(NodeCluster.wait(seconds: 5) { server.onLoop { $0.sync.banned[asker.identity.peerID] != nil } == true })
    }

    @Test("streams past the per-peer limit are reset and counted; held replies still arrive")
    func busy() throws {
        let cluster = try NodeCluster(validatorCount: 1, slotMilliseconds: 100)
        let held = HeldReplies()
        let (server, asker) = try Self.pair(cluster, limits: RequestLimits(requestByteCountMax: 64, responseByteCountMax: 64,
                                                                           perPeerRequestCountMax: 1), held: held)
        defer { asker.stop(); server.stop() }
        let first = ValueBox<Result<[UInt8], RequestError>>()
        asker.request([1], to: server.identity.peerID, protocolID: Self.protocolID, responseByteCountMax: 64,
                      timeout: .seconds(10)) { first.set($0) }
        #expect(NodeCluster.wait(seconds: 5) { held.count == 1 })
        #expect(Self.ask(asker, [2], of: server) == .failure(.closed))
        #expect(server.requestCounters(for: Self.protocolID).refused == 1)
        held.releaseAll([9, 9])
        #expect(first.wait() == .success([9, 9]))
        #expect(held.cancelled == [false], "a request answered in time is not cancelled")
        held.releaseAll([8])
        #expect(NodeCluster.wait(seconds: 5) { server.requestCounters(for: Self.protocolID).served == 1 })
    }

    @Test("no reply in time: the asker hears so, the server resets the stream, counts it and cancels the work")
    func timeout() throws {
        let cluster = try NodeCluster(validatorCount: 1, slotMilliseconds: 100)
        let held = HeldReplies()
        let limits = RequestLimits(requestByteCountMax: 64, responseByteCountMax: 64, responseTimeout: .milliseconds(300))
        let (server, asker) = try Self.pair(cluster, limits: limits, held: held)
        defer { asker.stop(); server.stop() }
        #expect(Self.ask(asker, [1], of: server, timeout: .milliseconds(200)) == .failure(.timedOut))
        // The asker gave up and reset the stream: the server forgets the exchange.
        #expect(NodeCluster.wait(seconds: 5) { server.requestCounters(for: Self.protocolID).abandoned == 1 })
        #expect(held.cancelled == [true], "the handler is told its asker left")
        #expect(Self.ask(asker, [1], of: server, timeout: .seconds(5)) == .failure(.closed))
        #expect(server.requestCounters(for: Self.protocolID).timedOut == 1)
        #expect(held.cancelled == [true, true], "the handler is told its reply came too late")
    }

    @Test("a protocol the peer does not serve is refused; a peer not connected is not asked")
    func refused() throws {
        let cluster = try NodeCluster(validatorCount: 1, slotMilliseconds: 100)
        let (server, asker) = try Self.pair(cluster, limits: RequestLimits(requestByteCountMax: 64, responseByteCountMax: 64))
        defer { asker.stop(); server.stop() }
        #expect(Self.ask(asker, [1], of: server, protocolID: "/oln/nobody/1") == .failure(.refused))
        let stranger = IdentityKey().peerID
        let box = ValueBox<Result<[UInt8], RequestError>>()
        asker.request([1], to: stranger, protocolID: Self.protocolID, responseByteCountMax: 64, timeout: .seconds(1)) { box.set($0) }
        #expect(box.wait() == .failure(.notConnected))
        asker.stop()
        #expect(Self.ask(asker, [1], of: server) == .failure(.stopped))
    }
}
