import Sodium

/// The binary Merkle tree over the state's 65,536 bucket hashes, kept in memory.
///
/// The nodes sit in one flat array in heap order: node 0 is the root, node i has children
/// 2i+1 and 2i+2, and bucket b's hash is node 65,535 + b. An inner node is
/// BLAKE2b-256(0x01 ‖ left ‖ right), or 32 zero bytes when both children are 32 zero bytes.
///
/// Every node write is logged with the value it replaced, so the writes of a transaction
/// that rolls back can be undone (`undo()`), and forgotten once it commits (`discardUndo()`).
struct StateTree {
    /// The number of leaves: one per bucket.
    static let bucketCount = 1 << depth
    /// The number of levels below the root.
    static let depth = 16
    /// The number of nodes, inner nodes and leaves.
    static let nodeCount = 2 * bucketCount - 1
    /// The bytes in one node.
    static let hashByteCount = 32
    /// The hash of an empty bucket or an empty subtree.
    static let emptyHash = [UInt8](repeating: 0, count: hashByteCount)
    /// The index of bucket 0's leaf.
    private static let firstLeaf = bucketCount - 1

    /// All nodes, `hashByteCount` bytes each, in heap order.
    private var nodes = [UInt8](repeating: 0, count: nodeCount * hashByteCount)
    /// The indices of the nodes written since the last commit, in order.
    private var undoIndices: [Int32] = []
    /// The values those nodes had before each write, `hashByteCount` bytes each.
    private var undoHashes: [UInt8] = []

    /// A tree over `leaves`, the non-empty buckets' hashes in ascending bucket order.
    init(leaves: [(bucket: Int, hash: [UInt8])]) {
        var hashes: [UInt8] = []
        hashes.reserveCapacity(leaves.count * Self.hashByteCount)
        for (_, hash) in leaves {
            precondition(hash.count == Self.hashByteCount, "a node has 32 bytes")
            hashes.append(contentsOf: hash)
        }
        writeLeaves(buckets: leaves.map(\.bucket), hashes: hashes, logging: false)
    }

    /// The root hash.
    var root: [UInt8] {
        node(0)
    }

    /// The hash of bucket `bucket`.
    func leaf(_ bucket: Int) -> [UInt8] {
        precondition((0..<Self.bucketCount).contains(bucket), "bucket out of range")
        return node(Self.firstLeaf + bucket)
    }

    /// Whether bucket `bucket`'s hash is `hash` (32 bytes).
    func leaf(_ bucket: Int, equals hash: UnsafeRawBufferPointer) -> Bool {
        precondition((0..<Self.bucketCount).contains(bucket), "bucket out of range")
        let start = (Self.firstLeaf + bucket) * Self.hashByteCount
        return nodes.withUnsafeBytes { bytes in
            UnsafeRawBufferPointer(rebasing: bytes[start..<start + Self.hashByteCount]).elementsEqual(hash)
        }
    }

    /// Sets the given buckets' hashes, in ascending bucket order without repeats, and
    /// recomputes the inner nodes above them; every write is logged for `undo()`.
    /// `hashes` holds the 32-byte hashes one after another, in the order of `buckets`.
    mutating func update(buckets: [Int], hashes: [UInt8]) {
        writeLeaves(buckets: buckets, hashes: hashes, logging: true)
    }

    /// Sets leaves and recomputes the inner nodes above them, level by level.
    private mutating func writeLeaves(buckets: [Int], hashes: [UInt8], logging: Bool) {
        precondition(hashes.count == buckets.count * Self.hashByteCount, "one 32-byte hash per bucket")
        var level: [Int] = []
        level.reserveCapacity(buckets.count)
        for (position, bucket) in buckets.enumerated() {
            let index = Self.firstLeaf + bucket
            precondition(index < Self.nodeCount && (level.last ?? -1) < index, "buckets must ascend within range")
            level.append(index)
            if logging { logWrite(index) }
            let start = position * Self.hashByteCount
            hashes.withUnsafeBytes { source in
                setNode(index, to: UnsafeRawBufferPointer(rebasing: source[start..<start + Self.hashByteCount]))
            }
        }
        var preimage = Self.innerPreimage
        var parents: [Int] = []
        parents.reserveCapacity(level.count)
        for _ in 0..<Self.depth {
            parents.removeAll(keepingCapacity: true)
            for index in level where parents.last != (index - 1) / 2 {
                parents.append((index - 1) / 2)
            }
            if logging {
                for parent in parents { logWrite(parent) }
            }
            writeInnerNodes(parents, preimage: &preimage)
            swap(&level, &parents)
        }
    }

    /// Restores every node written since the last `discardUndo()`.
    mutating func undo() {
        let undoHashes = undoHashes
        for position in stride(from: undoIndices.count - 1, through: 0, by: -1) {
            let saved = position * Self.hashByteCount
            let index = Int(undoIndices[position])
            undoHashes.withUnsafeBytes { hashes in
                setNode(index, to: UnsafeRawBufferPointer(rebasing: hashes[saved..<saved + Self.hashByteCount]))
            }
        }
        discardUndo()
    }

    /// Whether writes were logged since the last `discardUndo()`.
    var hasUndo: Bool {
        !undoIndices.isEmpty
    }

    /// Forgets the logged writes, keeping the nodes as they are.
    mutating func discardUndo() {
        undoIndices.removeAll(keepingCapacity: false)
        undoHashes.removeAll(keepingCapacity: false)
    }

    /// The node at `index`.
    private func node(_ index: Int) -> [UInt8] {
        let start = index * Self.hashByteCount
        return Array(nodes[start..<start + Self.hashByteCount])
    }

    /// Overwrites the node at `index` with `hash` (32 bytes).
    private mutating func setNode(_ index: Int, to hash: UnsafeRawBufferPointer) {
        precondition(hash.count == Self.hashByteCount, "a node has 32 bytes")
        let start = index * Self.hashByteCount
        nodes.withUnsafeMutableBytes { bytes in
            bytes.baseAddress!.advanced(by: start).copyMemory(from: hash.baseAddress!, byteCount: Self.hashByteCount)
        }
    }

    /// Logs the current value of node `index` before it is overwritten.
    private mutating func logWrite(_ index: Int) {
        let start = index * Self.hashByteCount
        undoIndices.append(Int32(index))
        undoHashes.append(contentsOf: nodes[start..<start + Self.hashByteCount])
    }

    /// An inner node's preimage, 0x01 ‖ left ‖ right, with the children still to be filled in.
    private static let innerPreimage = [UInt8](repeating: 1, count: 1 + 2 * hashByteCount)

    /// Recomputes the inner nodes `indices` from their children, hashing straight into the
    /// node array; `preimage` is scratch space for 0x01 ‖ left ‖ right.
    private mutating func writeInnerNodes(_ indices: [Int], preimage: inout [UInt8]) {
        nodes.withUnsafeMutableBytes { bytes in
            preimage.withUnsafeMutableBytes { scratch in
                for index in indices {
                    let childrenStart = (2 * index + 1) * Self.hashByteCount
                    let children = UnsafeRawBufferPointer(start: bytes.baseAddress! + childrenStart, count: 2 * Self.hashByteCount)
                    let node = UnsafeMutableRawBufferPointer(start: bytes.baseAddress! + index * Self.hashByteCount,
                                                             count: Self.hashByteCount)
                    if Self.isZero(children) {
                        node.initializeMemory(as: UInt8.self, repeating: 0)
                    } else {
                        scratch.baseAddress!.advanced(by: 1).copyMemory(from: children.baseAddress!, byteCount: children.count)
                        BLAKE2b256.hash(UnsafeRawBufferPointer(scratch), into: node)
                    }
                }
            }
        }
    }

    /// Whether every byte of `bytes` is zero.
    private static func isZero(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var accumulated: UInt64 = 0
        for offset in stride(from: 0, to: bytes.count, by: 8) {
            accumulated |= bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        }
        return accumulated == 0
    }
}
