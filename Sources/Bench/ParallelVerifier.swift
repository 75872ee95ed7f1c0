import Dispatch
import Foundation
import Ledger

/// Verifies transaction envelopes on every core with `DispatchQueue.concurrentPerform`,
/// each thread taking one contiguous share.
enum ParallelVerifier {
    static let threadCount = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// The verified transactions, in order; throws the first envelope's failure.
    static func verify(_ envelopes: [[UInt8]], chainID: UInt64) throws -> [PreverifiedTransaction] {
        let results = ResultSlots(count: envelopes.count)
        defer { results.release() }
        let shares = min(threadCount, max(envelopes.count, 1))
        DispatchQueue.concurrentPerform(iterations: shares) { share in
            let range = (envelopes.count * share / shares)..<(envelopes.count * (share + 1) / shares)
            for index in range {
                results.set(index, Result { () throws(SignedMessageError) in
                    try PreverifiedTransaction.verify(envelopes[index], chainID: chainID)
                })
            }
        }
        return try results.collect()
    }
}

/// One result slot per envelope, written by exactly one thread each.
private final class ResultSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result<PreverifiedTransaction, SignedMessageError>?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    func set(_ index: Int, _ result: Result<PreverifiedTransaction, SignedMessageError>) {
        slots[index] = result
    }

    func collect() throws -> [PreverifiedTransaction] {
        try slots.map { slot in
            guard let slot else { preconditionFailure("an envelope was not verified") }
            return try slot.get()
        }
    }

    func release() {
        slots.deinitialize()
        slots.deallocate()
    }
}
