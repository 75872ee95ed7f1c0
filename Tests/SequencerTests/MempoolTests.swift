import Ledger
import Sodium
import Testing
import TestSupport
@testable import Sequencer

@Suite("Mempool")
struct MempoolTests {
    static let chainID: UInt64 = 7
    static let keys = (0..<6).map { try! Ed25519PrivateKey(seed: [UInt8](repeating: UInt8($0 + 1), count: 32)) }

    static func transaction(from index: Int, nonce: UInt64, fee: Amount = 1_000, expiry: UInt64 = 1_000) -> SignedTransaction {
        let to = AccountAddress(publicKey: keys[(index + 1) % keys.count].publicKey)
        let body = Transaction(nonce: nonce, fee: fee, expiry: expiry, kind: .transfer(Transfer(to: to, amount: 1)))
        return SignedTransaction(signing: body, chainID: chainID, with: keys[index])
    }

    static func address(_ index: Int) -> AccountAddress { AccountAddress(publicKey: keys[index].publicKey) }

    @Test("ready and queued: a gap queues, filling it makes the rest ready")
    func readyAndQueued() {
        var pool = Mempool()
        #expect(pool.add(Self.transaction(from: 0, nonce: 0), accountNonce: 0, minimumFee: 1, time: 0) == .added(ready: true))
        #expect(pool.add(Self.transaction(from: 0, nonce: 2), accountNonce: 0, minimumFee: 1, time: 0) == .added(ready: false))
        #expect(pool.readyCount == 1)
        #expect(pool.add(Self.transaction(from: 0, nonce: 1), accountNonce: 0, minimumFee: 1, time: 0) == .added(ready: true))
        #expect(pool.readyCount == 3)
        #expect(pool.candidates(limit: 10, byteLimit: 1 << 20).map(\.body.nonce) == [0, 1, 2])
    }

    @Test("offers that cannot be kept are refused and counted by reason")
    func refusals() {
        var pool = Mempool()
        let first = Self.transaction(from: 0, nonce: 3)
        #expect(pool.add(Self.transaction(from: 0, nonce: 2), accountNonce: 3, minimumFee: 1, time: 0) == .refused(.staleNonce))
        #expect(pool.add(Self.transaction(from: 0, nonce: 5_000), accountNonce: 3, minimumFee: 1, time: 0) == .refused(.nonceTooFarAhead))
        #expect(pool.add(Self.transaction(from: 0, nonce: 3, expiry: 10), accountNonce: 3, minimumFee: 1, time: 11) == .refused(.expired))
        #expect(pool.add(Self.transaction(from: 0, nonce: 3, fee: 5), accountNonce: 3, minimumFee: 6, time: 0) == .refused(.feeTooLow))
        #expect(pool.add(first, accountNonce: 3, minimumFee: 1, time: 0) == .added(ready: true))
        #expect(pool.add(first, accountNonce: 3, minimumFee: 1, time: 0) == .refused(.known))
        #expect(pool.refusals == [.staleNonce: 1, .nonceTooFarAhead: 1, .expired: 1, .feeTooLow: 1, .known: 1])
        #expect(pool.count == 1)
    }

    @Test("replacement needs a 10% fee bump")
    func replacement() {
        var pool = Mempool()
        _ = pool.add(Self.transaction(from: 0, nonce: 0, fee: 1_000), accountNonce: 0, minimumFee: 1, time: 0)
        #expect(pool.add(Self.transaction(from: 0, nonce: 0, fee: 1_099), accountNonce: 0, minimumFee: 1, time: 0)
                == .refused(.underpricedReplacement))
        #expect(pool.add(Self.transaction(from: 0, nonce: 0, fee: 1_100), accountNonce: 0, minimumFee: 1, time: 0) == .replaced)
        #expect(pool.count == 1)
        #expect(pool.candidates(limit: 5, byteLimit: 1 << 20).map(\.body.fee) == [1_100])
    }

    @Test("candidates interleave senders by fee per byte, each in nonce order, within the limits")
    func candidateOrder() {
        var pool = Mempool()
        _ = pool.add(Self.transaction(from: 0, nonce: 0, fee: 100_000), accountNonce: 0, minimumFee: 1, time: 0)
        _ = pool.add(Self.transaction(from: 0, nonce: 1, fee: 1_000), accountNonce: 0, minimumFee: 1, time: 0)
        _ = pool.add(Self.transaction(from: 1, nonce: 0, fee: 50_000), accountNonce: 0, minimumFee: 1, time: 0)
        _ = pool.add(Self.transaction(from: 2, nonce: 4, fee: 900_000), accountNonce: 0, minimumFee: 1, time: 0)
        let picked = pool.candidates(limit: 10, byteLimit: 1 << 20)
        #expect(picked.map { [$0.signerAddress == Self.address(0) ? 0 : 1, Int($0.body.nonce)] } == [[0, 0], [1, 0], [0, 1]])
        #expect(pool.candidates(limit: 2, byteLimit: 1 << 20).count == 2)
        let oneBody = picked[0].bodyBytes.count
        #expect(pool.candidates(limit: 10, byteLimit: oneBody).count == 1)
    }

    @Test("after a batch, included and expired transactions go and the rest stay")
    func update() {
        var pool = Mempool()
        for nonce in 0..<4 { _ = pool.add(Self.transaction(from: 0, nonce: UInt64(nonce)), accountNonce: 0, minimumFee: 1, time: 0) }
        _ = pool.add(Self.transaction(from: 1, nonce: 0, expiry: 5), accountNonce: 0, minimumFee: 1, time: 0)
        pool.update(accountNonces: { $0 == Self.address(0) ? 2 : 0 }, time: 6)
        #expect(pool.count == 2)
        #expect(pool.dropped == 3)
        #expect(pool.candidates(limit: 10, byteLimit: 1 << 20).map(\.body.nonce) == [2, 3])
    }

    @Test("per-account and global caps hold; a richer offer evicts the poorest tail")
    func caps() {
        var limits = MempoolLimits()
        limits.readyPerAccountMax = 2
        limits.queuedPerAccountMax = 1
        limits.readyMax = 3
        limits.queuedMax = 0
        var pool = Mempool(limits: limits)
        #expect(pool.add(Self.transaction(from: 0, nonce: 0), accountNonce: 0, minimumFee: 1, time: 0) == .added(ready: true))
        #expect(pool.add(Self.transaction(from: 0, nonce: 1), accountNonce: 0, minimumFee: 1, time: 0) == .added(ready: true))
        #expect(pool.add(Self.transaction(from: 0, nonce: 2), accountNonce: 0, minimumFee: 1, time: 0) == .refused(.full))
        #expect(pool.add(Self.transaction(from: 1, nonce: 0, fee: 10), accountNonce: 0, minimumFee: 1, time: 0) == .added(ready: true))
        #expect(pool.add(Self.transaction(from: 2, nonce: 0, fee: 5), accountNonce: 0, minimumFee: 1, time: 0) == .refused(.full))
        #expect(pool.add(Self.transaction(from: 2, nonce: 0, fee: 1_000_000), accountNonce: 0, minimumFee: 1, time: 0) == .added(ready: true))
        #expect(pool.count == 3)
        #expect(pool.dropped == 1)
    }
}
