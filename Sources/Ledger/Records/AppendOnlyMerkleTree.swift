import Sodium
import Wire

/// An append-only Merkle tree of fixed depth 32 kept as its frontier, as in the Ethereum
/// deposit contract: appending and taking the root each cost 32 hashes, and the state
/// holds at most 32 hashes however many leaves there are.
///
///     leaf  = BLAKE2b-256(0x00 ‖ item)
///     node  = BLAKE2b-256(0x01 ‖ left ‖ right), empty subtrees hashed from zero leaves
///     root  = BLAKE2b-256(0x02 ‖ top node ‖ leaf count as u64 big-endian)
public struct AppendOnlyMerkleTree: StateRecord {
    public static let depth = 32
    public static let capacity: UInt64 = 1 << 32

    /// The number of leaves appended.
    public private(set) var count: UInt64 = 0
    /// `branch[h]` is the left sibling at height `h` on the path of the next leaf.
    private var branch: [[UInt8]] = []

    public init() {}

    /// Appends `item` (a 32-byte content hash).
    ///
    /// - Precondition: fewer than ``capacity`` leaves.
    public mutating func append(_ item: [UInt8]) {
        precondition(count < Self.capacity, "the tree is full")
        var node = BLAKE2b256.hash([0x00] + item)
        count += 1
        for height in 0..<Self.depth {
            if (count >> UInt64(height)) & 1 == 1 {
                if branch.count <= height { branch.append(contentsOf: repeatElement([], count: height + 1 - branch.count)) }
                branch[height] = node
                return
            }
            node = Self.parent(branch[height], node)
        }
    }

    /// The root over every leaf appended so far.
    ///
    /// Hashes in one scratch preimage, `0x01 ‖ left ‖ right`, rather than allocating per
    /// node: a batch takes the root of every Datanet that accepted contributions.
    public var root: [UInt8] {
        var preimage = [UInt8](repeating: 0x01, count: 1 + 2 * Self.nodeByteCount)
        var node = Self.zeroHashes[0]
        preimage.withUnsafeMutableBytes { preimage in
            node.withUnsafeMutableBytes { node in
                for height in 0..<Self.depth {
                    let isRightChild = (count >> UInt64(height)) & 1 == 1
                    let left = preimage.baseAddress! + 1
                    let right = left + Self.nodeByteCount
                    if isRightChild {
                        branch[height].withUnsafeBytes { left.copyMemory(from: $0.baseAddress!, byteCount: Self.nodeByteCount) }
                        right.copyMemory(from: node.baseAddress!, byteCount: Self.nodeByteCount)
                    } else {
                        left.copyMemory(from: node.baseAddress!, byteCount: Self.nodeByteCount)
                        Self.zeroHashes[height].withUnsafeBytes {
                            right.copyMemory(from: $0.baseAddress!, byteCount: Self.nodeByteCount)
                        }
                    }
                    BLAKE2b256.hash(UnsafeRawBufferPointer(preimage), into: node)
                }
            }
        }
        var bytes: [UInt8] = [0x02] + node
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: count >> UInt64(shift))) }
        return BLAKE2b256.hash(bytes)
    }

    /// The bytes in one node.
    private static let nodeByteCount = 32

    static func parent(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var hasher = BLAKE2b256Hasher()
        hasher.update([0x01])
        hasher.update(left)
        hasher.update(right)
        return hasher.finalize()
    }

    /// `zeroHashes[h]` is the root of an empty subtree of height `h`.
    static let zeroHashes: [[UInt8]] = {
        var hashes = [[UInt8](repeating: 0, count: 32)]
        for height in 0..<depth { hashes.append(parent(hashes[height], hashes[height])) }
        return hashes
    }()

    func encode(to writer: inout ProtobufWriter) {
        writer.writeVarintIfNonZero(count, field: 1)
        for node in branch { writer.writeBytes(node, field: 2) }
    }

    init(from reader: inout ProtobufReader) throws(WireError) {
        while let field = try reader.next() {
            switch field.number {
            case 1: count = try field.uint64()
            case 2:
                let node = try field.bytes()
                guard node.isEmpty || node.count == 32, branch.count < Self.depth else {
                    throw .valueOutOfRange("Merkle frontier node")
                }
                branch.append(node)
            default: throw .unknownField(field.number)
            }
        }
        guard count < Self.capacity, branch.count >= 64 - count.leadingZeroBitCount else {
            throw .valueOutOfRange("Merkle frontier shorter than its leaf count needs")
        }
        // Appending leaves a whole node at every height whose bit of the count is set.
        for height in 0..<branch.count where (count >> UInt64(height)) & 1 == 1 && branch[height].count != Self.nodeByteCount {
            throw .valueOutOfRange("Merkle frontier without a node where its leaf count needs one")
        }
    }
}
