// Helpers for the IO tests: a loop per test on its own thread, values shared with the
// loop thread under a lock, waits with time limits, and byte patterns.
import Foundation
import Glibc
import IO
import Testing

/// How long a test waits for something that should happen within milliseconds.
let waitLimit = DispatchTimeInterval.seconds(5)

/// A value shared between the loop thread and the test thread, guarded by a lock.
final class Shared<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var storedValue: Value

    init(_ value: Value) {
        storedValue = value
    }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&storedValue)
    }

    var value: Value {
        withLock { $0 }
    }
}

/// A one-way signal from the loop thread to the test thread.
struct Signal: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)

    func fire() {
        semaphore.signal()
    }

    /// Waits for `count` fires; false when `waitLimit` passes first.
    func wait(count: Int = 1) -> Bool {
        let deadline = DispatchTime.now() + waitLimit
        for _ in 0..<count where semaphore.wait(timeout: deadline) == .timedOut {
            return false
        }
        return true
    }
}

/// Runs `body` with a loop running on its own thread, stopping the loop afterwards.
func withRunningLoop<Result>(
    connectionCountMax: Int = EventLoop.defaultConnectionCountMax,
    _ body: (EventLoop) throws -> Result
) throws -> Result {
    let loop = try EventLoop(connectionCountMax: connectionCountMax)
    loop.start()
    defer { loop.stop() }
    return try body(loop)
}

extension EventLoop {
    /// Runs `body` on the loop thread and returns its result to the calling thread.
    func sync<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) throws -> Value {
        let result = Shared<Result<Value, any Error>?>(nil)
        let done = Signal()
        let accepted = execute {
            result.withLock { $0 = Result { try body() } }
            done.fire()
        }
        try #require(accepted, "the loop refused the closure")
        try #require(done.wait(), "the loop did not run the closure in time")
        return try #require(result.value).get()
    }
}

/// Deterministic pseudo-random bytes (xorshift32) for payloads that catch reordering.
func patternBytes(count: Int, seed: UInt32) -> [UInt8] {
    var state = seed | 1
    return (0..<count).map { _ in
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        return UInt8(truncatingIfNeeded: state)
    }
}

/// Whether this machine has an IPv6 loopback address (`::1`) to bind.
let isIPv6LoopbackAvailable: Bool = {
    let descriptor = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var address = sockaddr_in6()
    address.sin6_family = sa_family_t(AF_INET6)
    address.sin6_addr = in6addr_loopback
    let status = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
    }
    if status != 0 {
        print("IPv6 tests skipped: ::1 is not available on this machine")
    }
    return status == 0
}()

extension EventLoop {
    /// Queues `body` on the loop thread, recording an issue if the loop refuses it.
    func post(_ body: @escaping @Sendable () -> Void) {
        let accepted = execute(body)
        #expect(accepted, "the loop refused the closure")
    }
}
