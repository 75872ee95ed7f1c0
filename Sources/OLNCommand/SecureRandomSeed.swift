import Sodium

/// Seeds for the random choices of protocol machines, drawn at the edge from the system's
/// secure source (the machines themselves never draw randomness).
enum SecureRandomSeed {
    static func next() -> UInt64 {
        SecureRandom.bytes(count: 8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
