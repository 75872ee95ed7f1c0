/// Where `oln infer` sends its requests: a host's HTTP API (`--api`) or its
/// `/oln/infer/1` libp2p protocol (`--peer`). Both carry the same routes and answers.
protocol InferTransport: AnyObject {
    /// The host as the user named it, for messages.
    var hostDescription: String { get }
    /// `GET path`, whose answer must be 200 with a JSON object.
    func get(_ path: String) throws -> [String: Any]
    /// `POST path` with a JSON body: the status and the JSON object answered (empty when
    /// the body is not one).
    func post(_ path: String, body: [String: Any], headers: [String: String]) throws -> (Int, [String: Any])
    /// Ends the transport (closes connections).
    func close()
}
