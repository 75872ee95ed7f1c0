import Foundation
import Gossip
import IO
import Identity
import Network
import Testing
import TestSupport
import Wire
@testable import OLNCommand

@Suite("oln gossip", .serialized)
struct GossipCommandTests {
    static let environment = ["OLN_DATA_DIR": "/nonexistent/oln"]

    @Test("bad gossip command lines exit 2 with a pointer to the help", arguments: [
        (["gossip"], "needs a subcommand"),
        (["gossip", "sub"], "--topic is required"),
        (["gossip", "sub", "--topic", "t"], "give --peer MULTIADDR"),
        (["gossip", "sub", "--topic", "t", "--peer", "nope"], "--peer nope"),
        (["gossip", "sub", "--topic", "t", "--peer", "/ip4/1.2.3.4/tcp/1", "--count", "0"], "--count needs a positive whole number"),
        (["gossip", "pub", "--topic", "t"], "--data-hex is required"),
        (["gossip", "pub", "--topic", "t", "--data-hex", "zz", "--peer", "/ip4/1.2.3.4/tcp/1"], "--data-hex"),
        (["gossip", "pub", "--topic", "t", "--data-hex", "00"], "at least one --peer"),
    ])
    func usageErrors(arguments: [String], message: String) {
        let run = CapturedRun(arguments, environment: Self.environment)
        #expect(run.code == .usage)
        #expect(run.error.contains(message), "\(run.error)")
    }

    /// A gossip node listening on loopback and subscribed to `topic`, on its own loop.
    static func subscriber(topic: String) throws -> (EventLoop, GossipNode, Multiaddr, EventRecorder<GossipMessage>) {
        let loop = try EventLoop()
        loop.start()
        let node = GossipNode(loop: loop, identity: IdentityKey(), seed: 7)
        let received = EventRecorder<GossipMessage>()
        node.onMessage = { message, _ in received.append(message) }
        let bound = ValueBox<Multiaddr>()
        let listenAddress = try Multiaddr("/ip4/127.0.0.1/tcp/0")
        loop.execute {
            node.subscribe(topic)
            bound.set(try? node.node.listen(on: listenAddress))
        }
        return (loop, node, try #require(bound.wait()), received)
    }

    @Test("gossip pub delivers one signed message to a subscribed node")
    func publish() throws {
        let (loop, node, address, received) = try Self.subscriber(topic: "news")
        defer { loop.stop() }
        let run = CapturedRun(["gossip", "pub", "--topic", "news", "--data-hex", "68656c6c6f", "--peer", address.description], environment: Self.environment)
        #expect(run.code == .success, "\(run.error)")
        #expect(run.output.contains("on news to 1 peer"))
        let message = received.wait(seconds: 10) { $0.data == Array("hello".utf8) }
        #expect(message != nil)
        #expect(try message?.verify(policy: .strictSign) != nil)
        loop.execute { node.shutdown() }
    }

    @Test("gossip sub prints delivered messages as JSON lines and exits after --count")
    func subscribe() throws {
        let (loop, node, address, _) = try Self.subscriber(topic: "news")
        defer { loop.stop() }
        // Publish once the command's node has subscribed.
        loop.execute {
            var published = false
            loop.scheduleTimer(after: .milliseconds(50), repeating: .milliseconds(50)) {
                guard !published, !node.router.peers(subscribedTo: "news").isEmpty else { return }
                published = true
                _ = try? node.publish([0xab, 0xcd], topic: "news")
            }
        }
        let run = CapturedRun(["gossip", "sub", "--topic", "news", "--peer", address.description, "--count", "1"], environment: Self.environment)
        #expect(run.code == .success, "\(run.error)")
        let line = try #require(run.output.split(separator: "\n").first)
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        #expect(object?["topic"] == "news")
        #expect(object?["data_hex"] == "abcd")
        #expect(object?["from"] == node.node.peerID.description)
        #expect(object?["seqno"]?.count == 16)
        loop.execute { node.shutdown() }
    }
}
