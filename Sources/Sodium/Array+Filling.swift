extension Array where Element == UInt8 {
    /// Creates an array of `count` bytes written by `body`, which must fill every byte.
    init(filling count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
        self.init(unsafeUninitializedCapacity: Swift.max(count, 1)) { buffer, initializedCount in
            buffer.initialize(repeating: 0)
            body(buffer.baseAddress!)
            initializedCount = count
        }
    }
}
