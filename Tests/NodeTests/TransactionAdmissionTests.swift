import Ledger
import Testing
@testable import Node

/// `TransactionAdmission`: what a node does with an offered transaction.
@Suite("TransactionAdmission")
struct TransactionAdmissionTests {
    @Test("includable, or ahead of the account's nonce: into the pool at the account's nonce")
    func pooled() {
        #expect(TransactionAdmission.decide(nil, nonce: 4, catchingUp: false) == .pool(accountNonce: 4))
        #expect(TransactionAdmission.decide(.nonceMismatch(expected: 2, actual: 5), nonce: 5, catchingUp: false)
                == .pool(accountNonce: 2))
    }

    @Test("the sender's fault is rejected whether or not the node catches up", arguments: [false, true])
    func rejected(catchingUp: Bool) {
        #expect(TransactionAdmission.decide(.invalidEnvelope("bad"), nonce: 0, catchingUp: catchingUp) == .reject)
        #expect(TransactionAdmission.decide(.feeBelowMinimum(minimum: 10), nonce: 0, catchingUp: catchingUp) == .reject)
    }

    @Test("a used nonce or an expired transaction is ignored, catching up or not", arguments: [false, true])
    func ignored(catchingUp: Bool) {
        #expect(TransactionAdmission.decide(.nonceMismatch(expected: 5, actual: 2), nonce: 2, catchingUp: catchingUp) == .ignore)
        #expect(TransactionAdmission.decide(.expired(expiry: 1, time: 2), nonce: 0, catchingUp: catchingUp) == .ignore)
    }

    @Test("a fee the old state does not cover is held while catching up, else ignored")
    func feeNotCovered() {
        #expect(TransactionAdmission.decide(.feeNotCovered, nonce: 0, catchingUp: true) == .hold)
        #expect(TransactionAdmission.decide(.feeNotCovered, nonce: 0, catchingUp: false) == .ignore)
    }
}
