/// A first-in, first-out byte buffer that hands out its front without moving the rest on
/// every read; storage is compacted once the consumed prefix outweighs what is left.
struct YamuxByteQueue: Sendable {
    private var storage: [UInt8] = []
    private var head = 0

    var count: Int { storage.count - head }
    var isEmpty: Bool { count == 0 }

    mutating func append(_ bytes: [UInt8]) {
        storage.append(contentsOf: bytes)
    }

    /// Removes and returns the first `byteCount` bytes.
    mutating func removeFirst(_ byteCount: Int) -> ArraySlice<UInt8> {
        precondition(byteCount <= count, "taking more bytes than queued")
        let taken = storage[head..<head + byteCount]
        head += byteCount
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        } else if head > storage.count / 2 {
            storage.removeFirst(head)
            head = 0
        }
        return taken
    }
}
