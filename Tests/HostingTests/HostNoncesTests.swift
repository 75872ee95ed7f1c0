import Testing
@testable import Hosting

@Suite("HostNonces")
struct HostNoncesTests {
    @Test("nonces run ahead of a lagging ledger, follow one that moved on, and a refused one is given back")
    func sequence() {
        let nonces = HostNonces()
        #expect(nonces.next(ledgerNonce: 3) == 3)
        #expect(nonces.next(ledgerNonce: 3) == 4)
        #expect(nonces.next(ledgerNonce: 9) == 9)
        nonces.release(9)
        #expect(nonces.next(ledgerNonce: 4) == 9)
        nonces.release(4)
        #expect(nonces.next(ledgerNonce: 4) == 10)
    }
}
