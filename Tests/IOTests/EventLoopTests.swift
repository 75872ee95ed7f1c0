import Foundation
import IO
import Testing

@Suite("EventLoop")
struct EventLoopTests {
    @Test("start runs the loop on its own thread and stop from another thread ends it")
    func startAndStopFromAnotherThread() throws {
        let loop = try EventLoop()
        #expect(!loop.isOnLoopThread)
        let thread = loop.start()
        #expect(thread != Thread.current)
        let onLoopThread = try loop.sync { loop.isOnLoopThread }
        #expect(onLoopThread)
        loop.stop()
        #expect(!loop.execute {})
        loop.stop()
    }

    @Test("run on a caller's thread returns after stop is called on the loop thread")
    func runOnCallersThreadStopsFromLoopThread() throws {
        let loop = try EventLoop()
        let returned = Signal()
        let thread = Thread {
            loop.run()
            returned.fire()
        }
        thread.start()
        loop.post { loop.stop() }
        #expect(returned.wait())
        loop.stop()
        #expect(!loop.execute {})
    }

    @Test("closures queued before the loop starts run once it runs")
    func executeBeforeStart() throws {
        let loop = try EventLoop()
        let ran = Signal()
        loop.post { ran.fire() }
        loop.start()
        #expect(ran.wait())
        loop.stop()
    }

    @Test("a loop that never ran stops and refuses work")
    func stopWithoutRunning() throws {
        let loop = try EventLoop()
        loop.stop()
        #expect(!loop.execute {})
        loop.run()
    }

    @Test("execute's queue is bounded by pendingClosureCountMax")
    func pendingClosureLimit() throws {
        let loop = try EventLoop(pendingClosureCountMax: 3)
        let ran = Shared(0)
        let signal = Signal()
        let accepted = (0..<4).map { _ in
            loop.execute {
                ran.withLock { $0 += 1 }
                signal.fire()
            }
        }
        #expect(accepted == [true, true, true, false])
        loop.start()
        #expect(signal.wait(count: 3))
        loop.stop()
        #expect(ran.value == 3)
    }

    @Test("execute from many threads runs every closure exactly once, in each thread's order, on the loop thread")
    func executeFromManyThreads() throws {
        let threadCount = 8
        let closureCount = 500
        try withRunningLoop { loop in
            let received = Shared([[Int]](repeating: [], count: threadCount))
            let offLoop = Shared(0)
            DispatchQueue.concurrentPerform(iterations: threadCount) { thread in
                for index in 0..<closureCount {
                    let accepted = loop.execute {
                        if !loop.isOnLoopThread { offLoop.withLock { $0 += 1 } }
                        received.withLock { $0[thread].append(index) }
                    }
                    #expect(accepted)
                }
            }
            _ = try loop.sync {}
            #expect(offLoop.value == 0)
            #expect(received.value == [[Int]](repeating: Array(0..<closureCount), count: threadCount))
        }
    }

    @Test("now is monotonic and advances across a timer")
    func nowAdvances() throws {
        try withRunningLoop { loop in
            let before = loop.now
            let fired = Signal()
            let elapsed = Shared(Duration.zero)
            loop.post {
                loop.scheduleTimer(after: .milliseconds(5)) {
                    elapsed.withLock { $0 = loop.now - before }
                    fired.fire()
                }
            }
            #expect(fired.wait())
            #expect(elapsed.value >= .milliseconds(5))
            #expect(loop.now >= before + elapsed.value)
        }
    }

    @Test("submit runs work on the worker pool and completes on the loop thread")
    func workerPool() throws {
        let jobCount = 8
        try withRunningLoop { loop in
            let results = Shared<[(value: Int, workOnLoop: Bool, completionOnLoop: Bool)]>([])
            let done = Signal()
            loop.post {
                for job in 0..<jobCount {
                    loop.submit({ (job * job, loop.isOnLoopThread) }, completion: { value, workOnLoop in
                        results.withLock { $0.append((value, workOnLoop, loop.isOnLoopThread)) }
                        done.fire()
                    })
                }
            }
            #expect(done.wait(count: jobCount))
            let values = results.value
            #expect(values.map(\.value).sorted() == (0..<jobCount).map { $0 * $0 })
            #expect(values.allSatisfy { !$0.workOnLoop && $0.completionOnLoop })
        }
    }

    @Test("a loop makes the process ignore SIGPIPE, so a write to a gone peer is an error, not the end")
    func brokenPipesIgnored() throws {
        _ = try EventLoop()
        // Setting it to ignore again returns the disposition in effect; compare the handlers' bits.
        let previous = signal(SIGPIPE, SIG_IGN)
        #expect(unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self))
    }

    @Test("stop closes listeners, connections and timers: each connection reports closed once")
    func stopClosesOpenHandles() throws {
        let loop = try EventLoop()
        loop.start()
        let closes = Shared<[IOError?]>([])
        let connected = Signal()
        let timerFired = Shared(false)
        loop.post {
            loop.scheduleTimer(after: .seconds(60)) { timerFired.withLock { $0 = true } }
            do {
                let listener = try loop.listen(host: "127.0.0.1", port: 0) { server in
                    server.onClose = { error in closes.withLock { $0.append(error) } }
                    connected.fire()
                }
                loop.connect(host: "127.0.0.1", port: listener.localAddress.port, timeout: .seconds(5)) { result in
                    guard case .success(let client) = result else { return }
                    client.onClose = { error in closes.withLock { $0.append(error) } }
                    connected.fire()
                }
            } catch {
                Issue.record(error)
            }
        }
        #expect(connected.wait(count: 2))
        loop.stop()
        #expect(closes.value == [.closed, .closed])
        #expect(!timerFired.value)
        #expect(loop.statistics.connectionsClosed == 2)
    }
}
