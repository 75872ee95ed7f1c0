/// What the host role adds to a node's status: the adapters it serves and the receipts it
/// issued.
public struct HostReport: Sendable, Equatable {
    public var adapters: [String]
    public var receipts: Int

    public init(adapters: [String], receipts: Int) {
        self.adapters = adapters
        self.receipts = receipts
    }
}
