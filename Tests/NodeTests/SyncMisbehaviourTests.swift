import Foundation
import IO
import Identity
import Network
import P2P
import Testing
import TestSupport
import Wire
@testable import Node

/// A peer that answers `/oln/sync/1` requests with what the test gives it, on a libp2p
/// node of its own (no gossip, no ledger).
final class MisbehavingSyncPeer: @unchecked Sendable {
    let loop: EventLoop
    let node: P2PNode
    let address: String
    private var decoders: [UInt32: VarintFrameDecoder] = [:]
    /// Requests received, decoded.
    let requests = EventRecorder<SyncRequest>()
    /// Connections that closed.
    let disconnections = EventRecorder<PeerID>()

    /// A peer listening on loopback that answers each request with `reply(request)`.
    init(reply: @escaping @Sendable (SyncRequest) -> [UInt8]) throws {
        loop = try EventLoop()
        loop.start()
        var configuration = HostConfiguration.standard
        configuration.connection.inboundProtocols.insert(SyncStream.protocolID)
        let node = P2PNode(loop: loop, identity: IdentityKey(), configuration: configuration)
        self.node = node
        let listening = ValueBox<String>()
        _ = loop.execute { listening.set((try? node.listen(on: try Multiaddr("/ip4/127.0.0.1/tcp/0")))?.description) }
        guard let address = listening.wait() else { throw IOError.timedOut }
        self.address = address + "/p2p/\(node.peerID)"
        node.onEvent = { [weak self] event in self?.handle(event, reply: reply) }
    }

    /// Loop thread.
    private func handle(_ event: HostEvent, reply: @Sendable (SyncRequest) -> [UInt8]) {
        switch event {
        case .streamOpened(_, let stream, let protocolID, true) where protocolID == SyncStream.protocolID:
            decoders[stream] = VarintFrameDecoder(frameByteCountMax: SyncRequest.byteCountMax)
        case .streamData(let id, let stream, let bytes):
            guard var decoder = decoders[stream], let frames = try? decoder.append(bytes) else { return }
            decoders[stream] = decoder
            for frame in frames {
                guard let request = try? SyncRequest.decode(frame) else { continue }
                requests.append(request)
                let answer = reply(request)
                node.perform { host, now in host.write(answer, to: stream, on: id, now: now) }
            }
        case .disconnected(_, let peer?, _):
            disconnections.append(peer)
        default:
            break
        }
    }

    func stop() {
        _ = loop.execute { [node] in node.shutdown() }
        loop.stop()
    }
}

/// A node catching up over `/oln/sync/1` from a peer that breaks the protocol drops that
/// peer (closes its connections, logs why) and does not ask it again for a while; the node
/// keeps running.
@Suite("Sync with a misbehaving peer", .serialized)
struct SyncMisbehaviourTests {
    static func frame(_ bytes: [UInt8]) -> [UInt8] { VarintFrameDecoder.frame(bytes) }

    @Test("the peer is dropped and banned", arguments: [
        ("a response that does not decode", "a malformed sync response"),
        ("a response to a request never made", "an unrequested sync response"),
        ("a frame over the limit", "a sync frame over the limit"),
    ])
    func dropped(misbehaviour: String, reason: String) throws {
        let peer = try MisbehavingSyncPeer { request in
            switch misbehaviour {
            case "a response that does not decode": return Self.frame([0xff, 0xff, 0xff])
            case "a response to a request never made":
                return Self.frame(SyncResponse(id: request.id &+ 1_000, headHeight: 0, entries: []).encoded)
            default: return Varint.encode(UInt64(SyncResponse.byteCountMax) + 1) + [0]
            }
        }
        defer { peer.stop() }
        let cluster = try NodeCluster(validatorCount: 1, slotMilliseconds: 200)
        let directory = try cluster.directory("follower", key: nil, bootstrap: [peer.address])
        let lines = EventRecorder<String>()
        let runtime = try NodeRuntime(directory: directory, options: .init(log: NodeLog(level: .info, sink: { lines.append($0) })))
        _ = try runtime.start()
        defer { runtime.stop() }
        #expect(peer.requests.wait { _ in true } != nil, "the follower asks the peer for batches")
        let dropped = lines.wait { $0.contains("peer_dropped") }
        #expect(dropped?.contains(reason) == true, "\(String(describing: dropped))")
        #expect(peer.disconnections.wait { $0 == runtime.identity.peerID } != nil, "the connection is closed")
        let banned = runtime.onLoop { $0.sync.isBanned(peer.node.peerID, now: $0.loop.now) }
        #expect(banned == true)
        #expect(runtime.status.running)
    }

    @Test("a peer that claims batches it does not send is not asked again for a while")
    func emptyPromises() throws {
        let peer = try MisbehavingSyncPeer { request in
            Self.frame(SyncResponse(id: request.id, headHeight: 1_000_000, entries: []).encoded)
        }
        defer { peer.stop() }
        let cluster = try NodeCluster(validatorCount: 1, slotMilliseconds: 200)
        let directory = try cluster.directory("follower", key: nil, bootstrap: [peer.address])
        let runtime = try NodeRuntime(directory: directory, options: .init(log: .silent))
        _ = try runtime.start()
        defer { runtime.stop() }
        #expect(peer.requests.wait { _ in true } != nil)
        #expect(NodeCluster.wait(seconds: 5) {
            runtime.onLoop { $0.sync.isBanned(peer.node.peerID, now: $0.loop.now) } == true
        })
        #expect(runtime.status.headHeight == 0)
    }
}
