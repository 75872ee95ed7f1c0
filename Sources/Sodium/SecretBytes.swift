import CSodium

/// Secret bytes, such as private keys and shared secrets, kept in guarded memory.
///
/// The memory comes from `sodium_malloc`: it sits between guard pages, is locked out of swap
/// where the system allows, and is made read-only once written, so the bytes cannot change
/// after initialization. When the last reference goes away the bytes are wiped and freed.
/// The description shows only the length, never the content.
public final class SecretBytes: @unchecked Sendable {
    /// The guarded memory; read-only from the end of initialization until `deinit`.
    private let address: UnsafeMutableRawPointer

    /// The number of secret bytes.
    public let count: Int

    /// Creates `count` secret bytes written by `body`, which receives zeroed memory.
    ///
    /// If `body` throws, the memory is wiped and freed and the error is rethrown.
    public init<Failure: Error>(
        count: Int,
        initializingWith body: (UnsafeMutableRawBufferPointer) throws(Failure) -> Void
    ) throws(Failure) {
        precondition(count >= 0, "SecretBytes needs a count of zero or more")
        Sodium.initialize()
        guard let address = sodium_malloc(Swift.max(count, 1)) else {
            fatalError("sodium_malloc could not allocate \(count) bytes")
        }
        let buffer = UnsafeMutableRawBufferPointer(start: address, count: count)
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        do {
            try body(buffer)
        } catch {
            sodium_memzero(address, count)
            sodium_free(address)
            throw error
        }
        sodium_mprotect_readonly(address)
        self.address = address
        self.count = count
    }

    /// Creates secret bytes holding a copy of `bytes`.
    ///
    /// The bytes are copied straight into guarded memory, with no temporary copy on the heap.
    public convenience init(copying bytes: some Collection<UInt8>) {
        self.init(count: bytes.count) { buffer in
            buffer.copyBytes(from: bytes)
        }
    }

    /// Creates `randomCount` secret bytes from the system's secure random generator.
    public convenience init(randomCount: Int) {
        self.init(count: randomCount) { buffer in
            SecureRandom.fill(buffer)
        }
    }

    deinit {
        sodium_mprotect_readwrite(address)
        sodium_memzero(address, count)
        sodium_free(address)
    }

    /// Calls `body` with read access to the secret bytes; the pointer must not escape `body`.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeRawBufferPointer(start: address, count: count))
    }

    /// Whether `other` holds the same bytes, compared in time that does not depend on the content.
    ///
    /// Secrets of different lengths are unequal; the length is not treated as secret.
    public func isEqual(to other: SecretBytes) -> Bool {
        guard count == other.count else { return false }
        guard count > 0 else { return true }
        return sodium_memcmp(address, other.address, count) == 0
    }
}

extension SecretBytes: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The length only, such as `SecretBytes(32 bytes)`; the content is never shown.
    public var description: String {
        "SecretBytes(\(count) bytes)"
    }

    /// The same as `description`: the content is never shown.
    public var debugDescription: String {
        description
    }

    /// A mirror with no children, so that `dump` and debuggers do not reveal the content.
    public var customMirror: Mirror {
        Mirror(self, children: [:])
    }
}
