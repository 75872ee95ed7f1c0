import Foundation
import Sodium

/// The BLAKE2b-256 hashes of signed envelopes this node has already verified for its chain,
/// so that a second copy (a transaction first seen from gossip, then inside a proposal)
/// is decoded without checking its signature again. Equal hashes mean equal bytes, so an
/// envelope found here carries the signature that was checked. Bounded: past `capacity`
/// the oldest hashes are forgotten. Thread-safe.
public final class VerifiedEnvelopes: @unchecked Sendable {
    /// The most hashes kept.
    public let capacity: Int
    private let lock = NSLock()
    private var hashes = Set<[UInt8]>()
    private var order: [[UInt8]] = []
    private var oldest = 0

    public init(capacity: Int) {
        precondition(capacity > 0, "a verified-envelope set keeps at least one hash")
        self.capacity = capacity
    }

    /// Remembers the envelope whose hash is `hash` as verified.
    public func insert(_ hash: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        guard hashes.insert(hash).inserted else { return }
        if order.count < capacity {
            order.append(hash)
        } else {
            hashes.remove(order[oldest])
            order[oldest] = hash
            oldest = (oldest + 1) % capacity
        }
    }

    /// Whether the envelope whose hash is `hash` was verified.
    public func contains(_ hash: [UInt8]) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return hashes.contains(hash)
    }

    /// How many hashes are kept.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return hashes.count
    }
}
