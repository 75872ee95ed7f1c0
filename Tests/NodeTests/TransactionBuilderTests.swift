import Identity
import Ledger
import Sodium
import Testing
@testable import Node

/// The fee the builder pays is the ledger's own minimum: the ledger's inclusion check
/// accepts it and refuses one base unit less.
@Suite("TransactionBuilder")
struct TransactionBuilderTests {
    @Test("the least fee passes the ledger's inclusion check, one unit less does not")
    func minimumFee() throws {
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 3, count: 32))
        let address = AccountAddress(publicKey: key.publicKey).description
        let spec = GenesisSpec.scheduleShaped(chainID: 8, genesisTime: 1_767_225_600, address: address)
        let ledger = try LedgerDatabase(path: ":memory:")
        try ledger.initialize(with: try Genesis(spec: spec))
        let parameters = try ledger.parameters()
        let kind = TransactionKind.transfer(Transfer(to: AccountAddress(publicKey: key.publicKey), amount: Token.tokens(1)))
        let paid = TransactionBuilder.signed(kind, nonce: 0, fee: nil, expiry: 1_767_229_200, parameters: parameters,
                                             chainID: 8, key: key)
        #expect(paid.body.fee > 0)
        #expect(try ledger.inclusionCheck(paid, at: 1_767_225_600) == nil)
        let short = TransactionBuilder.signed(kind, nonce: 0, fee: paid.body.fee - 1, expiry: 1_767_229_200,
                                              parameters: parameters, chainID: 8, key: key)
        guard case .feeBelowMinimum? = try ledger.inclusionCheck(short, at: 1_767_225_600) else {
            Issue.record("a fee one unit below the minimum was accepted")
            return
        }
    }
}
