@testable import Node
import Testing

@Suite struct AccountNoncesTests {
    @Test func followsTheLedgerThenCountsAhead() {
        let nonces = AccountNonces()
        #expect(nonces.next(ledgerNonce: 5) == 5)
        #expect(nonces.next(ledgerNonce: 5) == 6)
        #expect(nonces.next(ledgerNonce: 9) == 9)
    }

    @Test func givesBackOnlyTheLastNonce() {
        let nonces = AccountNonces()
        let first = nonces.next(ledgerNonce: 0)
        let second = nonces.next(ledgerNonce: 0)
        nonces.release(first)
        #expect(nonces.next(ledgerNonce: 0) == 2)
        nonces.release(2)
        nonces.release(second)
        #expect(nonces.next(ledgerNonce: 0) == 1)
    }

    @Test func fallsBackToTheLedgerWhenItStopsMoving() {
        let nonces = AccountNonces(staleObservationCountMax: 3)
        #expect(nonces.next(ledgerNonce: 4) == 4)
        #expect(nonces.next(ledgerNonce: 4) == 5)
        for _ in 0..<3 { nonces.observe(ledgerNonce: 4) }
        #expect(nonces.next(ledgerNonce: 4) == 6)
        nonces.observe(ledgerNonce: 4)
        #expect(nonces.next(ledgerNonce: 4) == 4)
    }

    @Test func aMovingLedgerKeepsTheCounter() {
        let nonces = AccountNonces(staleObservationCountMax: 2)
        _ = nonces.next(ledgerNonce: 0)
        _ = nonces.next(ledgerNonce: 0)
        _ = nonces.next(ledgerNonce: 0)
        nonces.observe(ledgerNonce: 0)
        nonces.observe(ledgerNonce: 1)
        nonces.observe(ledgerNonce: 2)
        #expect(nonces.next(ledgerNonce: 2) == 3)
        nonces.observe(ledgerNonce: 4)
        #expect(nonces.next(ledgerNonce: 4) == 4)
    }

    @Test("nonces run ahead of a lagging ledger, follow one that moved on, and a refused one is given back")
    func sequence() {
        let nonces = AccountNonces()
        #expect(nonces.next(ledgerNonce: 3) == 3)
        #expect(nonces.next(ledgerNonce: 3) == 4)
        #expect(nonces.next(ledgerNonce: 9) == 9)
        nonces.release(9)
        #expect(nonces.next(ledgerNonce: 4) == 9)
        nonces.release(4)
        #expect(nonces.next(ledgerNonce: 4) == 10)
    }
}
