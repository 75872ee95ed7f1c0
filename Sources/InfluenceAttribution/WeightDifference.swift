/// One contribution whose weight a receipt and a recomputation disagree on.
public struct WeightDifference: Equatable, Hashable, Sendable {
    /// The contribution's 32-byte id.
    public let contributionID: [UInt8]
    /// Its weight in the receipt (0 when absent there).
    public let receiptPPM: UInt32
    /// Its weight in the recomputation (0 when absent there).
    public let expectedPPM: UInt32

    /// The difference with the given fields.
    public init(contributionID: [UInt8], receiptPPM: UInt32, expectedPPM: UInt32) {
        self.contributionID = contributionID
        self.receiptPPM = receiptPPM
        self.expectedPPM = expectedPPM
    }

    /// |receipt − expected| in parts per million.
    public var magnitudePPM: UInt32 { receiptPPM > expectedPPM ? receiptPPM - expectedPPM : expectedPPM - receiptPPM }
}
