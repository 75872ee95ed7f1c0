/// State changes checked and put in stored-key order, ready for `StateStore.apply(_:)`.
///
/// Preparing hashes every key to its bucket and sorts: it reads nothing from the store,
/// so an owner may prepare one batch's changes on another thread while it writes other
/// rows on its own.
public struct PreparedStateChanges: Sendable {
    /// The writes, sorted by stored key.
    let writes: [StateWrite]

    /// Checks `changes` (key lengths, value sizes) and sorts them; a key repeated in
    /// `changes` is a programmer error.
    ///
    /// - Throws: `StoreError.invalidKeyByteCount` or `.valueTooLong`.
    public init(_ changes: [StateChange]) throws(StoreError) {
        writes = try StateStore.sortedWrites(changes)
    }

    /// The number of changes.
    public var count: Int {
        writes.count
    }
}
