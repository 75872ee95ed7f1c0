import IO
import Testing

@Suite("TCPListener")
struct TCPListenerTests {
    @Test("port 0 binds a free IPv4 port and reports it")
    func ipv4PortZero() throws {
        try withRunningLoop { loop in
            let address = try loop.sync {
                let listener = try loop.listen(host: "127.0.0.1", port: 0) { _ in }
                defer { listener.close() }
                return listener.localAddress
            }
            #expect(address.host == "127.0.0.1")
            #expect(address.family == .ipv4)
            #expect(address.port != 0)
        }
    }

    @Test("port 0 binds a free IPv6 port and reports it", .enabled(if: isIPv6LoopbackAvailable, "::1 is not available"))
    func ipv6PortZero() throws {
        try withRunningLoop { loop in
            let address = try loop.sync {
                let listener = try loop.listen(host: "::1", port: 0) { _ in }
                defer { listener.close() }
                return listener.localAddress
            }
            #expect(address.host == "::1")
            #expect(address.family == .ipv6)
            #expect(address.port != 0)
        }
    }

    @Test("a host that is not an address literal is refused", arguments: ["localhost", "256.0.0.1", "::g", ""])
    func invalidHost(host: String) throws {
        try withRunningLoop { loop in
            let error = try loop.sync { () -> IOError? in
                do throws(IOError) {
                    _ = try loop.listen(host: host, port: 0) { _ in }
                    return nil
                } catch {
                    return error
                }
            }
            #expect(error == .invalidAddress(host))
        }
    }

    @Test("a port in use is reported as EADDRINUSE, and close is idempotent")
    func addressInUse() throws {
        try withRunningLoop { loop in
            let (error, closed) = try loop.sync { () -> (IOError?, Bool) in
                let first = try loop.listen(host: "127.0.0.1", port: 0) { _ in }
                defer {
                    first.close()
                    first.close()
                }
                do throws(IOError) {
                    _ = try loop.listen(host: "127.0.0.1", port: first.localAddress.port) { _ in }
                    return (nil, first.isClosed)
                } catch {
                    return (error, first.isClosed)
                }
            }
            #expect(error == .addressInUse)
            #expect(!closed)
        }
    }

    @Test("connections past connectionCountMax are refused on both sides")
    func connectionLimit() throws {
        // One client and its accepted server end fill a limit of two.
        try withRunningLoop(connectionCountMax: 2) { loop in
            let results = Shared<[Result<SocketAddress, IOError>]>([])
            let done = Signal()
            loop.post {
                do {
                    let listener = try loop.listen(host: "127.0.0.1", port: 0) { _ in }
                    let port = listener.localAddress.port
                    loop.connect(host: "127.0.0.1", port: port, timeout: .seconds(5)) { first in
                        results.withLock { $0.append(first.map(\.localAddress)) }
                        loop.scheduleTimer(after: .milliseconds(20)) {
                            loop.connect(host: "127.0.0.1", port: port, timeout: .seconds(5)) { second in
                                results.withLock { $0.append(second.map(\.localAddress)) }
                                done.fire()
                            }
                        }
                    }
                } catch {
                    Issue.record(error)
                }
            }
            #expect(done.wait())
            let values = results.value
            #expect(values.count == 2)
            #expect((try? values.first?.get()) != nil)
            #expect(values.last.map { if case .failure(.connectionLimitReached) = $0 { true } else { false } } == true)
        }
    }
}
