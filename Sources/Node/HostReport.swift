/// What the host role adds to a node's status: where its API listens, the adapters it serves
/// and the receipts it issued.
public struct HostReport: Sendable, Equatable {
    public var api: String
    public var adapters: [String]
    public var receipts: Int

    public init(api: String, adapters: [String], receipts: Int) {
        self.api = api
        self.adapters = adapters
        self.receipts = receipts
    }
}
