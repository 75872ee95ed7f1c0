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

    /// Removes the first `byteCount` bytes and appends them to `output`. The bytes are
    /// copied out before the storage changes, so compaction never copies the queue twice.
    mutating func moveFirst(_ byteCount: Int, appendingTo output: inout [UInt8]) {
        precondition(byteCount <= count, "taking more bytes than queued")
        output.append(contentsOf: storage[head..<head + byteCount])
        head += byteCount
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        } else if head > storage.count / 2 {
            storage.removeFirst(head)
            head = 0
        }
    }
}
