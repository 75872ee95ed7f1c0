import Foundation
import Gossip
import IO
import Identity
import Network
import P2P

/// A `P2PNode` on its own loop thread for the length of one command, stopped by
/// SIGINT/SIGTERM, a deadline, or the command itself.
final class P2PSession: @unchecked Sendable {
    let loop: EventLoop
    let node: P2PNode
    /// The gossip layer, for sessions that asked for it; it owns `node`'s events then.
    let gossip: GossipNode?
    private let done = DispatchSemaphore(value: 0)
    private var signalSources: [DispatchSourceSignal] = []

    /// A session with `identity`; with gossip, its router takes `topicOptions` (the topics
    /// whose peers expect other than the standard options, such as a chain's).
    init(identity: IdentityKey, withGossip: Bool = false, topicOptions: [String: GossipTopicOptions] = [:]) throws {
        loop = try EventLoop()
        if withGossip {
            var configuration = GossipRouterConfiguration()
            configuration.topicOptions = topicOptions
            let gossip = GossipNode(loop: loop, identity: identity, routerConfiguration: configuration,
                                    seed: SecureRandomSeed.next())
            self.gossip = gossip
            node = gossip.node
        } else {
            gossip = nil
            node = P2PNode(loop: loop, identity: identity)
        }
        loop.start()
    }

    /// Runs `body` on the loop thread and returns its result.
    func onLoop<Result>(_ body: @escaping () throws(NetworkError) -> Result) throws(NetworkError) -> Result {
        nonisolated(unsafe) var outcome: Swift.Result<Result, NetworkError>?
        let finished = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let work = body
        loop.execute {
            do throws(NetworkError) {
                outcome = .success(try work())
            } catch {
                outcome = .failure(error)
            }
            finished.signal()
        }
        finished.wait()
        return try outcome!.get()
    }

    /// Ends the session from any thread.
    func stop() {
        done.signal()
    }

    /// Blocks until `stop()`, a signal, or `seconds` pass; then shuts the node and loop down.
    func waitForStop(after seconds: Double?) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [done] in done.signal() }
            source.resume()
            signalSources.append(source)
        }
        if let seconds {
            _ = done.wait(timeout: .now() + seconds)
        } else {
            done.wait()
        }
        close()
    }

    /// Shuts the node and the loop down now (for a session that ends without waiting for a
    /// signal). Any thread but the loop's; idempotent.
    func close() {
        loop.execute { [node, gossip] in
            if let gossip { gossip.shutdown() } else { node.shutdown() }
        }
        loop.stop()
    }
}
