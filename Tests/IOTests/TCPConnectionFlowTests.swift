import IO
import Testing

@Suite("TCPConnection flow control and closing")
struct TCPConnectionFlowTests {
    @Test("a full write queue refuses writes until the paused peer resumes, then onWritable")
    func writeQueueBound() throws {
        struct Outcome: Sendable {
            var laterWriteRefused = false
            var queuedAtResume = 0
            var writableAfterResume = 0
            var accepted = 0
            var received = 0
        }
        let chunk = [UInt8](repeating: 0x5a, count: 65_536)
        let acceptedByteCountMax = 64 << 20
        try withRunningLoop { loop in
            let outcome = Shared(Outcome())
            let done = Signal()
            loop.post {
                _ = ConnectedPair(loop: loop) { client, server in
                    var resumed = false
                    server.pauseReading()
                    server.onRead = { bytes in outcome.withLock { $0.received += bytes.count } }
                    server.onClose = { _ in done.fire() }
                    client.writeQueueByteCountMax = 262_144
                    client.writeQueueLowWaterByteCount = 65_536
                    // Writes until refused; the kernel's buffers may still drain the queue
                    // (onWritable before the peer resumes), so this refills until they are full.
                    let fill = {
                        while outcome.value.accepted < acceptedByteCountMax, client.write(chunk) {
                            outcome.withLock { $0.accepted += chunk.count }
                        }
                    }
                    fill()
                    outcome.withLock { $0.laterWriteRefused = !client.write([1]) }
                    client.onWritable = {
                        guard resumed else { return fill() }
                        outcome.withLock { $0.writableAfterResume += 1 }
                        if client.write(chunk) { outcome.withLock { $0.accepted += chunk.count } }
                        client.close()
                    }
                    loop.scheduleTimer(after: .milliseconds(100)) {
                        resumed = true
                        outcome.withLock { $0.queuedAtResume = client.queuedWriteByteCount }
                        server.resumeReading()
                    }
                }
            }
            #expect(done.wait())
            let result = outcome.value
            #expect(result.laterWriteRefused)
            #expect(result.queuedAtResume > 65_536, "the queue stayed above its low-water mark while the peer was paused")
            #expect(result.writableAfterResume == 1)
            #expect(result.accepted < acceptedByteCountMax)
            #expect(result.received == result.accepted)
            #expect(loop.statistics.writesRefused >= 2)
        }
    }

    @Test("close() sends every queued byte before the connection closes")
    func closeFlushes() throws {
        let payload = patternBytes(count: 8 << 20, seed: 11)
        try withRunningLoop { loop in
            let outcome = Shared((queuedAtClose: 0, writeAfterClose: true, received: [UInt8](), closes: [IOError?]()))
            let done = Signal()
            loop.post {
                _ = ConnectedPair(loop: loop) { client, server in
                    server.pauseReading()
                    server.onRead = { bytes in outcome.withLock { $0.received += bytes } }
                    server.onClose = { error in
                        outcome.withLock { $0.closes.append(error) }
                        done.fire()
                    }
                    client.onClose = { error in
                        outcome.withLock { $0.closes.append(error) }
                        done.fire()
                    }
                    client.writeQueueByteCountMax = payload.count
                    for start in stride(from: 0, to: payload.count, by: 1 << 20) {
                        #expect(client.write(Array(payload[start..<(start + (1 << 20))])))
                    }
                    client.close()
                    outcome.withLock {
                        $0.queuedAtClose = client.queuedWriteByteCount
                        $0.writeAfterClose = client.write([1])
                    }
                    loop.scheduleTimer(after: .milliseconds(20)) { server.resumeReading() }
                }
            }
            #expect(done.wait(count: 2))
            let result = outcome.value
            #expect(result.queuedAtClose > 0)
            #expect(!result.writeAfterClose)
            #expect(result.received == payload)
            #expect(result.closes == [nil, nil])
        }
    }

    @Test("onClose runs exactly once: abort, close and abort again; the peer sees end of stream")
    func onCloseOnce() throws {
        try withRunningLoop { loop in
            let closes = Shared((client: [IOError?](), server: [IOError?]()))
            let done = Signal()
            loop.post {
                _ = ConnectedPair(loop: loop) { client, server in
                    client.onClose = { error in closes.withLock { $0.client.append(error) } }
                    server.onClose = { error in
                        closes.withLock { $0.server.append(error) }
                        loop.scheduleTimer(after: .milliseconds(10)) { done.fire() }
                    }
                    client.abort()
                    client.close()
                    client.abort()
                    #expect(!client.isOpen)
                    #expect(!client.write([1, 2, 3]))
                }
            }
            #expect(done.wait())
            #expect(closes.value.client == [nil])
            #expect(closes.value.server == [nil])
        }
    }

    @Test("a peer that resets the connection is reported once as ECONNRESET")
    func peerReset() throws {
        try withRunningLoop { loop in
            let closes = Shared([IOError?]())
            let done = Signal()
            loop.post {
                _ = ConnectedPair(loop: loop) { client, server in
                    // Closing a socket with unread bytes makes the kernel send a reset.
                    client.pauseReading()
                    server.onClose = { error in
                        closes.withLock { $0.append(error) }
                        done.fire()
                    }
                    #expect(server.write([UInt8](repeating: 1, count: 4_096)))
                    loop.scheduleTimer(after: .milliseconds(20)) { client.abort() }
                }
            }
            #expect(done.wait())
            #expect(closes.value == [.connectionReset])
        }
    }

    @Test("200 connections at once each echo their own bytes")
    func manyConnections() throws {
        let connectionCount = 200
        try withRunningLoop { loop in
            let outcome = Shared((matched: 0, failures: [IOError?]()))
            let done = Signal()
            loop.post {
                do {
                    let listener = try loop.listen(host: "127.0.0.1", port: 0) { server in _ = Echo(server) }
                    for index in 0..<connectionCount {
                        let message = patternBytes(count: 32, seed: UInt32(index))
                        loop.connect(host: "127.0.0.1", port: listener.localAddress.port, timeout: .seconds(5)) { result in
                            guard case .success(let client) = result else {
                                outcome.withLock { $0.failures.append(result.failureValue) }
                                done.fire()
                                return
                            }
                            var received: [UInt8] = []
                            client.onRead = { bytes in
                                received += bytes
                                guard received.count >= message.count else { return }
                                if received == message { outcome.withLock { $0.matched += 1 } }
                                client.close()
                            }
                            client.onClose = { error in
                                if error != nil { outcome.withLock { $0.failures.append(error) } }
                                done.fire()
                            }
                            #expect(client.write(message))
                        }
                    }
                    loop.scheduleTimer(after: .seconds(4)) { listener.close() }
                } catch {
                    Issue.record(error)
                }
            }
            #expect(done.wait(count: connectionCount))
            #expect(outcome.value.matched == connectionCount)
            #expect(outcome.value.failures.isEmpty)
            let statistics = loop.statistics
            #expect(statistics.connectionsAccepted == UInt64(connectionCount))
            #expect(statistics.connectionsOpened == UInt64(connectionCount))
        }
    }
}

extension Result {
    /// The error of a failure, nil for a success.
    var failureValue: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}
