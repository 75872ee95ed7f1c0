/// Why a receipt cannot be recomputed now: blobs that have not arrived (fetch them and try
/// again), or a receipt this node cannot check at all.
public struct AuditError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What stops the recomputation.
    public enum Kind: Equatable, Sendable {
        /// These blobs are missing; each with the most bytes it may have.
        case blobsMissing([MissingBlob])
        /// The receipt cannot be checked by this node (another base model, no adapter, no
        /// gradient store, no model loaded, an unreadable blob).
        case notCheckable
    }

    /// A blob to fetch before trying again.
    public struct MissingBlob: Equatable, Sendable {
        public let hash: [UInt8]
        public let byteCountMax: UInt64

        public init(hash: [UInt8], byteCountMax: UInt64) {
            self.hash = hash
            self.byteCountMax = byteCountMax
        }
    }

    public let kind: Kind
    public let description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
