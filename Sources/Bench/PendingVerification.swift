import Dispatch
import Ledger

/// One batch's envelopes being verified on a background queue (`SignedMessage.verified`,
/// one thread), whose result the applying thread waits for.
final class PendingVerification: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once on the queue before `done` is signalled, read after waiting for it.
    private var result: Result<[PreverifiedTransaction], SignedMessageError>?

    init(_ envelopes: [[UInt8]], chainID: UInt64, on queue: DispatchQueue) {
        queue.async { [self] in
            result = Result { () throws(SignedMessageError) in
                try envelopes.map { (envelope) throws(SignedMessageError) in
                    try PreverifiedTransaction.verify(envelope, chainID: chainID)
                }
            }
            done.signal()
        }
    }

    /// The verified transactions, once the queue has verified them.
    func wait() throws(SignedMessageError) -> [PreverifiedTransaction] {
        done.wait()
        guard let result else { preconditionFailure("the verification finished without a result") }
        return try result.get()
    }
}
