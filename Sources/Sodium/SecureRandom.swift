import CSodium

/// Random numbers from the operating system's cryptographically secure generator.
public enum SecureRandom {
    /// Returns `count` random bytes.
    public static func bytes(count: Int) -> [UInt8] {
        precondition(count >= 0, "SecureRandom.bytes needs a count of zero or more")
        Sodium.initialize()
        return [UInt8](filling: count) { start in
            randombytes_buf(start, count)
        }
    }

    /// Overwrites every byte of `buffer` with random bytes.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        Sodium.initialize()
        guard let start = buffer.baseAddress, buffer.count > 0 else { return }
        randombytes_buf(start, buffer.count)
    }

    /// Returns a uniformly distributed random number in `0..<upperBound`, without modulo bias.
    public static func uniform(upperBound: UInt32) -> UInt32 {
        precondition(upperBound > 0, "SecureRandom.uniform needs an upper bound above zero")
        Sodium.initialize()
        return randombytes_uniform(upperBound)
    }
}
