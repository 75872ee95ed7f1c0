import Foundation
import IO
import Identity
import Network
import P2P
import Wire

/// The child process of the idle-connection benchmark: one node that accepts connections
/// and holds them, so that its memory can be read from outside without the dialers' share.
enum IdleListener {
    static func run(arguments: [String]) {
        let count = arguments.first.flatMap(Int.init) ?? 1000
        BenchSupport.raiseFileLimit()
        guard let loop = try? EventLoop() else { exit(1) }
        var configuration = HostConfiguration()
        configuration.limits.inboundCountMax = count + 16
        configuration.limits.perAddressCountMax = count + 16
        let node = P2PNode(loop: loop, identity: IdentityKey(), configuration: configuration)
        let listenAddress = try! Multiaddr("/ip4/127.0.0.1/tcp/0")
        loop.execute {
            guard let address = try? node.listen(on: listenAddress) else { exit(1) }
            BenchSupport.print(address.description)
        }
        loop.run()
    }
}
