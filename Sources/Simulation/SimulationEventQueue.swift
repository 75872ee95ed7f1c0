/// A binary min-heap of events by time; events at the same time come out in the order
/// they were added, which keeps runs deterministic.
///
/// The heap holds only plain keys (time, sequence, slot); the events themselves wait in
/// slots that are reused, so sifting never copies or reference-counts an event.
public struct SimulationEventQueue<Event>: Sendable where Event: Sendable {
    private struct Key: Sendable {
        let time: Duration
        let sequence: UInt64
        let slot: Int

        func precedes(_ other: Key) -> Bool {
            time != other.time ? time < other.time : sequence < other.sequence
        }
    }

    private var heap: [Key] = []
    private var slots: [Event?] = []
    private var freeSlots: [Int] = []
    private var nextSequence: UInt64 = 0

    public init() {}

    public var count: Int { heap.count }
    public var isEmpty: Bool { heap.isEmpty }
    /// The time of the next event.
    public var nextTime: Duration? { heap.first?.time }

    public mutating func push(_ event: Event, at time: Duration) {
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            slots[slot] = event
        } else {
            slot = slots.count
            slots.append(event)
        }
        heap.append(Key(time: time, sequence: nextSequence, slot: slot))
        nextSequence += 1
        siftUp(from: heap.count - 1)
    }

    public mutating func pop() -> (time: Duration, event: Event)? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let key = heap.removeLast()
        siftDown(from: 0)
        let event = slots[key.slot].take()!
        freeSlots.append(key.slot)
        return (key.time, event)
    }

    private mutating func siftUp(from index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(from index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count && heap[left].precedes(heap[smallest]) { smallest = left }
            if right < heap.count && heap[right].precedes(heap[smallest]) { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
