import Identity
import Wire

/// The router's reproducible order of peers: by their binary peer ids, compared byte by
/// byte (`PeerID.bytes` lexicographically), without building those bytes. `PeerID.bytes`
/// encodes the multihash afresh on every call, and the router sorts and compares peers on
/// every message it forwards.
enum GossipPeerOrder {
    /// Whether `first`'s binary peer id precedes `second`'s.
    static func precedes(_ first: PeerID, _ second: PeerID) -> Bool {
        let (left, right) = (first.multihash, second.multihash)
        // The same code and digest length encode the same header: the digests decide.
        if left.code == right.code && left.digest.count == right.digest.count {
            return left.digest.lexicographicallyPrecedes(right.digest)
        }
        return EncodedBytes(left).lexicographicallyPrecedes(EncodedBytes(right))
    }

    /// Whether `peer`'s binary peer id is `bytes`.
    static func peer(_ peer: PeerID, hasBytes bytes: [UInt8]) -> Bool {
        EncodedBytes(peer.multihash).elementsEqual(bytes)
    }

    /// The bytes of an encoded multihash, `varint(code) ‖ varint(digest count) ‖ digest`,
    /// produced one at a time.
    struct EncodedBytes: Sequence, IteratorProtocol {
        private var code: UInt64
        private var length: UInt64
        private let digest: [UInt8]
        /// 0: the code varint, 1: the length varint, 2: the digest.
        private var stage = 0
        private var index = 0

        init(_ multihash: Multihash) {
            code = multihash.code
            length = UInt64(multihash.digest.count)
            digest = multihash.digest
        }

        mutating func next() -> UInt8? {
            switch stage {
            case 0:
                return Self.nextVarintByte(of: &code, finished: &stage)
            case 1:
                return Self.nextVarintByte(of: &length, finished: &stage)
            default:
                guard index < digest.count else { return nil }
                index += 1
                return digest[index - 1]
            }
        }

        /// The next LEB128 byte of `value` (which keeps the rest); moves `stage` on after
        /// the last one.
        private static func nextVarintByte(of value: inout UInt64, finished stage: inout Int) -> UInt8 {
            var byte = UInt8(truncatingIfNeeded: value & 0x7f)
            value >>= 7
            if value != 0 {
                byte |= 0x80
            } else {
                stage += 1
            }
            return byte
        }
    }
}
