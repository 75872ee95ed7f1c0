/// A first-in, first-out queue with O(1) amortized append and removal at the front, and
/// random access by position from the front.
///
/// The caches keep entries here in the order they were made, which is also the order in
/// which they expire, so that removing expired entries only ever looks at the front; the
/// gossip node keeps the messages waiting for a sliced validator in one.
public struct ExpiryQueue<Element: Sendable>: Sendable {
    /// The storage; elements before `head` have been removed.
    private var storage: [Element] = []
    private var head = 0
    /// Removed slots are reclaimed once there are at least this many and they are half the storage.
    private static var compactionSlotCountMin: Int { 64 }

    public init() {}

    public var count: Int { storage.count - head }
    public var isEmpty: Bool { head == storage.count }
    var first: Element? { isEmpty ? nil : storage[head] }
    var last: Element? { isEmpty ? nil : storage[storage.count - 1] }

    /// The element `position` places from the front.
    subscript(position: Int) -> Element {
        precondition(position >= 0 && position < count, "queue position out of range")
        return storage[head + position]
    }

    public mutating func append(_ element: Element) {
        storage.append(element)
    }

    /// Removes and returns the front element, or nil when the queue is empty.
    @discardableResult
    public mutating func popFirst() -> Element? {
        guard !isEmpty else { return nil }
        let element = storage[head]
        head += 1
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= Self.compactionSlotCountMin && head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return element
    }
}
