import InferenceAPI
import Ledger
import Node

/// The ledger and network routes of a node's API: the chain's head and peers, accounts,
/// datanets, contributions, models, receipts and payouts read from the node's ledger, and
/// `POST /v1/oln/transactions` to submit a signed transaction (admin token only).
///
///     try LedgerRoutes.install(on: server, runtime: runtime)   // before server.start
///
/// Queries run on a serial queue with their own SQLite connection (see
/// `LedgerRoutesConnection`), never on the event loop; docs/api.md lists the answers.
public enum LedgerRoutes {
    /// Most items a list answer holds (datanets, contributions of each status, models,
    /// adapters, payouts).
    public static let listCountMax = 1_000

    /// Adds the routes to `server` (before it starts), reading `runtime`'s ledger and
    /// status and submitting through it. Throws when the ledger cannot be opened.
    public static func install(on server: APIServer, runtime: NodeRuntime) throws {
        let connection = try LedgerRoutesConnection(path: runtime.directory.chainPath)
        install(on: server, connection: connection, chainID: runtime.setup.chainID,
                status: { runtime.status }, submit: { runtime.submit($0) })
    }

    /// Adds the routes over `connection`, with the node's status and submission as closures.
    static func install(on server: APIServer, connection: LedgerRoutesConnection, chainID: UInt64,
                        status: @escaping @Sendable () -> NodeStatus,
                        submit: @escaping @Sendable (SignedTransaction) -> Bool) {
        typealias Answer = @Sendable (APIRequest, LedgerDatabase) throws(APIError) -> APIValue
        func get(_ pattern: String, _ answer: @escaping Answer) {
            server.addRoute(.get, pattern) { request, responder in
                connection.serve(responder) { ledger throws(APIError) in try answer(request, ledger) }
            }
        }
        get("/v1/oln/chain") { _, ledger throws(APIError) in try LedgerRoutesAnswers.chain(status: status(), ledger: ledger) }
        get("/v1/oln/accounts/{address}") { request, ledger throws(APIError) in
            try LedgerRoutesAnswers.account(try LedgerRoutesParameters.address(request.parameters, "address"), ledger: ledger)
        }
        get("/v1/oln/payouts/{address}") { request, ledger throws(APIError) in
            try LedgerRoutesAnswers.payouts(try LedgerRoutesParameters.address(request.parameters, "address"), ledger: ledger)
        }
        get("/v1/oln/datanets") { _, ledger throws(APIError) in try LedgerRoutesAnswers.datanets(ledger: ledger) }
        get("/v1/oln/datanets/{id}") { request, ledger throws(APIError) in
            try LedgerRoutesAnswers.datanet(try LedgerRoutesParameters.identifier(request.parameters, "id"), ledger: ledger)
        }
        get("/v1/oln/contributions/{id}") { request, ledger throws(APIError) in
            let id = try LedgerRoutesParameters.identifier(request.parameters, "id")
            return try LedgerRoutesAnswers.contribution(id, ledger: ledger)
        }
        get("/v1/oln/models") { _, ledger throws(APIError) in try LedgerRoutesAnswers.models(ledger: ledger) }
        get("/v1/oln/receipts/{id}") { request, ledger throws(APIError) in
            try LedgerRoutesAnswers.receipt(try LedgerRoutesParameters.identifier(request.parameters, "id"), ledger: ledger)
        }
        server.addRoute(.post, "/v1/oln/transactions", requiresAuthorization: true,
                        bodyByteCountMax: LedgerRoutesTransaction.bodyByteCountMax) { request, responder in
            let transaction: SignedTransaction
            do throws(APIError) {
                transaction = try LedgerRoutesTransaction.decode(body: request.http.body, chainID: chainID)
            } catch {
                return responder.respond(error: error)
            }
            // Submitting waits for the node's loop thread: done on the routes' queue, not here.
            connection.serve(responder) { _ in LedgerRoutesTransaction.answer(transaction, accepted: submit(transaction)) }
        }
    }
}
