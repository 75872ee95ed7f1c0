extension Multihash {
    /// Hashes the digest as one block of bytes rather than byte by byte: peer ids key the
    /// hot dictionaries of the host and the gossip router.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(digest.count)
        digest.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
