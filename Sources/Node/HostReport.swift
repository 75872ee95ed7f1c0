/// What the host role adds to a node's status: the adapters it serves, the inference
/// requests it served and the receipts it issued.
public struct HostReport: Sendable, Equatable {
    public var adapters: [String]
    public var servedRequests: Int
    public var receipts: Int

    public init(adapters: [String], servedRequests: Int, receipts: Int) {
        self.adapters = adapters
        self.servedRequests = servedRequests
        self.receipts = receipts
    }
}
