import Identity
import Ledger
import Sodium
import Testing
@testable import Node

/// `SyncClient`'s table of transactions held while catching up.
@Suite("SyncClient")
struct SyncClientTests {
    static let key = IdentityKey(privateKey: try! Ed25519PrivateKey(seed: [UInt8](repeating: 7, count: 32)))

    static func transaction(_ nonce: UInt64) -> SignedTransaction {
        TransactionBuilder.signed(.transfer(Transfer(to: key.accountAddress, amount: 1)), nonce: nonce, fee: nil,
                                  expiry: 100, parameters: .defaults, chainID: 9, key: key.privateKey)
    }

    @Test("held once each, in arrival order, and emptied when taken")
    func holdAndTake() {
        var client = SyncClient()
        let first = client.hold(Self.transaction(0)), second = client.hold(Self.transaction(1))
        let again = client.hold(Self.transaction(0))
        #expect(first && second)
        #expect(!again, "the same transaction is held once")
        let taken = client.takeHeld(), emptied = client.takeHeld()
        #expect(taken.map(\.body.nonce) == [0, 1])
        #expect(emptied.isEmpty)
        let heldAgain = client.hold(Self.transaction(0))
        #expect(heldAgain, "taken ones may be held again")
    }

    @Test("the table is bounded")
    func bounded() {
        var client = SyncClient()
        var allHeld = true
        for nonce in 0..<UInt64(SyncClient.heldTransactionCountMax) { allHeld = client.hold(Self.transaction(nonce)) && allHeld }
        let overflow = client.hold(Self.transaction(UInt64(SyncClient.heldTransactionCountMax)))
        #expect(allHeld)
        #expect(!overflow)
        #expect(client.heldTransactions.count == SyncClient.heldTransactionCountMax)
    }
}
