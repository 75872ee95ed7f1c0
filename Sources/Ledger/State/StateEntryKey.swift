/// A state key as a dictionary key: hashed as one block of bytes rather than byte by byte
/// as `[UInt8]` is, which matters for the tens of thousands of lookups a batch makes.
struct StateEntryKey: Hashable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    static func == (left: StateEntryKey, right: StateEntryKey) -> Bool {
        left.bytes == right.bytes
    }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
