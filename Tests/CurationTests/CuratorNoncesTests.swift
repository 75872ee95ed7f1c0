@testable import Curation
import Testing

@Suite struct CuratorNoncesTests {
    @Test func followsTheLedgerThenCountsAhead() {
        let nonces = CuratorNonces()
        #expect(nonces.next(ledgerNonce: 5) == 5)
        #expect(nonces.next(ledgerNonce: 5) == 6)
        #expect(nonces.next(ledgerNonce: 9) == 9)
    }

    @Test func givesBackOnlyTheLastNonce() {
        let nonces = CuratorNonces()
        let first = nonces.next(ledgerNonce: 0)
        let second = nonces.next(ledgerNonce: 0)
        nonces.release(first)
        #expect(nonces.next(ledgerNonce: 0) == 2)
        nonces.release(2)
        nonces.release(second)
        #expect(nonces.next(ledgerNonce: 0) == 1)
    }

    @Test func fallsBackToTheLedgerWhenItStopsMoving() {
        let nonces = CuratorNonces(staleObservationCountMax: 3)
        #expect(nonces.next(ledgerNonce: 4) == 4)
        #expect(nonces.next(ledgerNonce: 4) == 5)
        for _ in 0..<3 { nonces.observe(ledgerNonce: 4) }
        #expect(nonces.next(ledgerNonce: 4) == 6)
        nonces.observe(ledgerNonce: 4)
        #expect(nonces.next(ledgerNonce: 4) == 4)
    }

    @Test func aMovingLedgerKeepsTheCounter() {
        let nonces = CuratorNonces(staleObservationCountMax: 2)
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
}
