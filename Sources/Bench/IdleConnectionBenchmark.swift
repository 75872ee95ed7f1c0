import Foundation
import IO
import Identity
import Network
import P2P
import Wire

/// Memory of idle connections held by one node: a child process listens; this process
/// opens `count` connections from distinct identities, waits until identify has run on
/// each, and reads the child's resident memory before and after.
final class IdleConnectionBenchmark: @unchecked Sendable {
    let count: Int
    private var identified = 0
    private var failed = 0
    private var dialers: [P2PNode] = []
    private let done = Completion()

    init(count: Int) {
        self.count = count
    }

    /// The child's memory growth in bytes, the connections held, and the child's total.
    func run() throws -> (grownBytes: Int, held: Int, totalBytes: Int) {
        BenchSupport.raiseFileLimit()
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["idle-listener", String(count)]
        let output = Pipe()
        child.standardOutput = output
        try child.run()
        defer { child.terminate(); child.waitUntilExit() }
        guard let line = String(data: output.fileHandleForReading.availableData, encoding: .utf8)?
            .split(separator: "\n").first, let address = try? Multiaddr(String(line)) else { return (0, 0, 0) }
        usleep(200_000)
        let before = BenchSupport.residentBytes(of: child.processIdentifier)
        let loop = try EventLoop()
        loop.start()
        defer { loop.stop() }
        loop.execute { [self] in
            for _ in 0..<count { dial(loop, address) }
        }
        _ = done.wait(seconds: 300)
        usleep(500_000)
        let after = BenchSupport.residentBytes(of: child.processIdentifier)
        loop.execute { [self] in for dialer in dialers { dialer.shutdown() } }
        return (after - before, identified, after)
    }

    private func dial(_ loop: EventLoop, _ address: Multiaddr) {
        let reachedIdentified: (HostEvent) -> Bool = { if case .identified = $0 { true } else { false } }
        dialers.append(FreshDialer.dial(address, on: loop, until: reachedIdentified) { [self] wasIdentified in
            if wasIdentified { identified += 1 } else { failed += 1 }
            if identified + failed == count { done.signal() }
        })
    }
}
