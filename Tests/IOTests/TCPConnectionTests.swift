import Foundation
import Glibc
import IO
import Testing

@Suite("TCPConnection")
struct TCPConnectionTests {
    @Test("1 MiB echoes both ways over IPv4")
    func echoIPv4() throws {
        try echoMegabyte(host: "127.0.0.1", family: .ipv4)
    }

    @Test("1 MiB echoes both ways over IPv6", .enabled(if: isIPv6LoopbackAvailable, "::1 is not available"))
    func echoIPv6() throws {
        try echoMegabyte(host: "::1", family: .ipv6)
    }

    private func echoMegabyte(host: String, family: SocketAddress.Family) throws {
        let payload = patternBytes(count: 1 << 20, seed: 7)
        let chunkByteCount = 16_384
        try withRunningLoop { loop in
            let outcome = Shared((received: [UInt8](), closes: [IOError?](), addressesMatch: false, family: family))
            let done = Signal()
            loop.post {
                _ = ConnectedPair(loop: loop, host: host) { client, server in
                    _ = Echo(server)
                    outcome.withLock {
                        $0.addressesMatch = client.localAddress == server.remoteAddress
                            && client.remoteAddress == server.localAddress
                        $0.family = client.remoteAddress.family
                    }
                    client.onRead = { bytes in
                        let count = outcome.withLock { outcome in
                            outcome.received += bytes
                            return outcome.received.count
                        }
                        if count >= payload.count { client.close() }
                    }
                    client.onClose = { error in
                        outcome.withLock { $0.closes.append(error) }
                        done.fire()
                    }
                    for start in stride(from: 0, to: payload.count, by: chunkByteCount) {
                        #expect(client.write(Array(payload[start..<(start + chunkByteCount)])))
                    }
                }
            }
            #expect(done.wait())
            let result = outcome.value
            #expect(result.received == payload)
            #expect(result.closes == [nil])
            #expect(result.addressesMatch)
            #expect(result.family == family)
            let statistics = loop.statistics
            #expect(statistics.bytesRead >= 2 << 20)
            #expect(statistics.bytesWritten >= 2 << 20)
            #expect(statistics.connectionsAccepted == 1)
            #expect(statistics.connectionsOpened == 1)
        }
    }

    @Test("connecting to a closed port fails with ECONNREFUSED")
    func connectionRefused() throws {
        try withRunningLoop { loop in
            let port = try loop.sync {
                let listener = try loop.listen(host: "127.0.0.1", port: 0) { _ in }
                listener.close()
                return listener.localAddress.port
            }
            let result = try connect(loop: loop, host: "127.0.0.1", port: port, timeout: .seconds(5))
            #expect(result == .connectionRefused)
        }
    }

    @Test("a host that is not an address literal fails with invalidAddress")
    func connectInvalidAddress() throws {
        try withRunningLoop { loop in
            let result = try connect(loop: loop, host: "localhost", port: 1, timeout: .seconds(5))
            #expect(result == .invalidAddress("localhost"))
        }
    }

    @Test("a connect that gets no answer times out")
    func connectTimeout() throws {
        // A loopback listener with a backlog of 0 that never accepts: once its accept
        // queue is full the kernel drops further SYNs, so a connect hangs until its timeout.
        let (descriptor, port) = try nonAcceptingListener()
        defer { close(descriptor) }
        try withRunningLoop { loop in
            var outcomes: [IOError?] = []
            for _ in 0..<8 {
                let outcome = try connect(loop: loop, host: "127.0.0.1", port: port, timeout: .milliseconds(150))
                outcomes.append(outcome)
                if outcome != nil { break }
            }
            #expect(outcomes.last == .some(.timedOut), "outcomes: \(outcomes)")
            #expect(outcomes.dropLast().allSatisfy { $0 == nil })
        }
    }

    /// Connects and returns nil on success (closing the connection) or the error.
    private func connect(loop: EventLoop, host: String, port: UInt16, timeout: Duration) throws -> IOError? {
        let outcome = Shared<IOError??>(nil)
        let done = Signal()
        loop.post {
            loop.connect(host: host, port: port, timeout: timeout) { result in
                switch result {
                case .success(let connection):
                    outcome.withLock { $0 = .some(nil) }
                    connection.abort()
                case .failure(let error):
                    outcome.withLock { $0 = .some(error) }
                }
                done.fire()
            }
        }
        try #require(done.wait())
        return try #require(outcome.value)
    }

    private func nonAcceptingListener() throws -> (Int32, UInt16) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let status = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(descriptor, address, length) == 0 && listen(descriptor, 0) == 0
                    && getsockname(descriptor, address, &length) == 0
            }
        }
        try #require(status)
        return (descriptor, UInt16(bigEndian: address.sin_port))
    }
}
