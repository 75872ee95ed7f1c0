import Dispatch
import Foundation
import InferenceAPI
import Ledger
import Synchronization

/// One SQLite connection to the node's ledger, used by one caller at a time (a connection
/// is not thread-safe): the read routes run their queries on a serial queue of its own, so
/// that a slow query never holds up the API's event loop; the metrics, which own another
/// connection, read under its lock on the scraping thread.
///
/// Requests waiting for the queue are limited to ``pendingCountMax``: past it a request is
/// answered 503 at once rather than queued without bound.
final class LedgerRoutesConnection: @unchecked Sendable {
    /// Most requests queued or running at once.
    static let pendingCountMax = 64

    /// The answer when ``pendingCountMax`` requests are already waiting.
    static let busy = APIError(status: .serviceUnavailable, message: "The ledger routes are busy; retry shortly.",
                               type: "server_error", code: "ledger_busy")

    /// Only touched under `lock`.
    private let ledger: LedgerDatabase
    private let lock = NSLock()
    private let queue: DispatchQueue
    private let pendingCount = Atomic<Int>(0)

    /// Opens the ledger at `path` (read by the routes only; the node writes it).
    init(path: String) throws {
        ledger = try LedgerDatabase(path: path)
        queue = DispatchQueue(label: "oln.ledger-routes")
    }

    /// Runs `answer` on the queue and sends its value, or its error, through `responder`.
    func serve(_ responder: APIResponder,
               _ answer: @escaping @Sendable (LedgerDatabase) throws(APIError) -> APIValue) {
        let (admitted, _) = pendingCount.add(1, ordering: .acquiringAndReleasing)
        guard admitted <= Self.pendingCountMax else {
            pendingCount.subtract(1, ordering: .acquiringAndReleasing)
            return responder.respond(error: Self.busy)
        }
        queue.async { [self] in
            defer { pendingCount.subtract(1, ordering: .acquiringAndReleasing) }
            guard !responder.isCancelled else { return responder.abort() }
            let result = read { ledger in Result { () throws(APIError) in try answer(ledger) } }
            switch result {
            case .success(let value): responder.respond(json: value)
            case .failure(let error): responder.respond(error: error)
            }
        }
    }

    /// Runs `body` with the connection under the lock, on the calling thread.
    func read<Value>(_ body: (LedgerDatabase) -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        return body(ledger)
    }
}
