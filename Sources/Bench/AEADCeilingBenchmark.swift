import Sodium

/// ChaCha20-Poly1305 sealing and opening of 65,519-byte frames on one core: the cost every
/// encrypted byte pays twice when both ends of a stream share one core.
enum AEADCeilingBenchmark {
    /// Megabytes per second of plaintext that one core can seal and then open.
    static func run(byteCount: Int) throws -> Double {
        let key = SecretBytes(randomCount: ChaCha20Poly1305.keyByteCount)
        let frame = [UInt8](repeating: 0x42, count: 65_519)
        let frames = max(byteCount / frame.count, 1)
        let start = BenchSupport.seconds()
        for counter in 0..<frames {
            let nonce = ChaCha20Poly1305.nonce(counter: UInt64(counter))
            let sealed = try ChaCha20Poly1305.seal(frame, key: key, nonce: nonce)
            _ = try ChaCha20Poly1305.open(sealed, key: key, nonce: nonce)
        }
        let elapsed = BenchSupport.seconds() - start
        return Double(frames * frame.count) / elapsed / 1e6
    }
}
