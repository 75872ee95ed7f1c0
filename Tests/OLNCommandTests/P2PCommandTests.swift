import Foundation
import IO
import Identity
import Network
import Testing
import TestSupport
import Wire
@testable import OLNCommand

@Suite("oln p2p", .serialized)
struct P2PCommandTests {
    @Test("bad p2p command lines exit 2 with a pointer to the help", arguments: [
        (["p2p"], "needs a subcommand"),
        (["p2p", "dance"], "unknown subcommand 'p2p dance'"),
        (["p2p", "ping"], "needs the MULTIADDR of a peer"),
        (["p2p", "ping", "/ip4/1.2.3.4/tcp/1", "--count", "0"], "--count needs a whole number from 1 to 1000"),
        (["p2p", "ping", "/ip4/1.2.3.4/tcp/1", "--timeout", "soon"], "--timeout needs a positive number of seconds"),
        (["p2p", "ping", "not-an-address"], "not-an-address"),
        (["p2p", "listen", "--listen", "/ip4/300.0.0.1/tcp/1"], "--listen"),
    ])
    func usageErrors(arguments: [String], message: String) {
        let run = CapturedRun(arguments, environment: ["OLN_DATA_DIR": "/nonexistent/oln"])
        #expect(run.code == .usage)
        #expect(run.error.contains(message), "\(run.error)")
    }

    @Test("p2p ping reaches a node, prints its identify result and three round trips")
    func pingALiveNode() throws {
        let loop = try EventLoop()
        loop.start()
        defer { loop.stop() }
        let node = P2PNode(loop: loop, identity: IdentityKey())
        let bound = ValueBox<Multiaddr>()
        let listenAddress = try Multiaddr("/ip4/127.0.0.1/tcp/0")
        loop.execute { bound.set(try? node.listen(on: listenAddress)) }
        let address = try #require(bound.wait())
        let run = CapturedRun(["p2p", "ping", address.description, "--count", "3"], environment: ["OLN_DATA_DIR": "/nonexistent/oln"])
        #expect(run.code == .success, "\(run.error)")
        #expect(run.output.contains("connected to \(node.peerID)"))
        #expect(run.output.contains("agent:     oln/0.1.0"))
        #expect(run.output.contains("ping 3: "))
        #expect(run.error.contains("using a temporary identity"))
        loop.execute { node.shutdown() }
    }

    @Test("p2p ping to a closed port fails with exit 1 and says why")
    func pingNobody() {
        let run = CapturedRun(["p2p", "ping", "/ip4/127.0.0.1/tcp/1", "--timeout", "5"], environment: ["OLN_DATA_DIR": "/nonexistent/oln"])
        #expect(run.code == .failure)
        #expect(run.error.contains("could not connect"), "\(run.error)")
    }

    @Test("p2p listen prints its full address and stops after --duration")
    func listenBriefly() {
        let run = CapturedRun(["p2p", "listen", "--listen", "/ip4/127.0.0.1/tcp/0", "--duration", "0.3"], environment: ["OLN_DATA_DIR": "/nonexistent/oln"])
        #expect(run.code == .success)
        #expect(run.output.hasPrefix("listening on /ip4/127.0.0.1/tcp/"))
        #expect(run.output.contains("/p2p/12D3KooW"))
    }
}
