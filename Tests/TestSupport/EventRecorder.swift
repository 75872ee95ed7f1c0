import Foundation

/// Events recorded on one thread (a node's loop thread) and awaited on another (the test's).
public final class EventRecorder<Event>: @unchecked Sendable {
    private let condition = NSCondition()
    private var events: [Event] = []

    public init() {}

    public func append(_ event: Event) {
        condition.lock()
        events.append(event)
        condition.broadcast()
        condition.unlock()
    }

    /// The events recorded so far, in order.
    public var recorded: [Event] {
        condition.lock()
        defer { condition.unlock() }
        return events
    }

    /// Waits up to `seconds` for an event matching `predicate`; nil when none came.
    public func wait(seconds: Double = 20, for predicate: (Event) -> Bool) -> Event? {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let match = events.first(where: predicate) { return match }
            guard condition.wait(until: deadline) else { return nil }
        }
    }
}

/// One value handed from a loop thread to the test thread.
public final class ValueBox<Value>: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private var value: Value?

    public init() {}

    public func set(_ value: Value?) {
        self.value = value
        semaphore.signal()
    }

    /// Waits up to `seconds` for `set`, then returns what was set.
    public func wait(seconds: Double = 10) -> Value? {
        _ = semaphore.wait(timeout: .now() + seconds)
        return value
    }
}
