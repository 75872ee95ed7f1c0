import Foundation
import Identity
import Ledger
import Node
import Sodium
import Wire

/// `oln infer (--api URL | --peer MULTIADDR) --model NAME (--prompt TEXT | --chat TEXT)`: asks a
/// host's OpenAI-compatible API over HTTP or over `/oln/infer/1`, paying with a fee
/// authorisation signed by the data directory's key (or with the host's own API token), and
/// prints the answer and its receipt.
enum InferCommand {
    static func run(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "infer"
        if parser.takeFlag("--help", "-h") {
            console.print(HelpText.infer)
            return .success
        }
        let api = try parser.takeOption("--api", topic: topic), peer = try parser.takeOption("--peer", topic: topic)
        guard (api == nil) != (peer == nil) else {
            throw UsageError("give exactly one of --api URL (the host's API, e.g. http://127.0.0.1:8080) and --peer "
                             + "MULTIADDR (the host's libp2p address with /p2p/<peer id>)", topic: topic)
        }
        let address = try peer.map { try peerAddress($0, topic: topic) }
        guard let model = try parser.takeOption("--model", topic: topic) else {
            throw UsageError("--model NAME is required (an adapter's hash, or the base model's; see /v1/models)", topic: topic)
        }
        let prompt = try parser.takeOption("--prompt", topic: topic), chat = try parser.takeOption("--chat", topic: topic)
        guard (prompt == nil) != (chat == nil) else { throw UsageError("give exactly one of --prompt and --chat", topic: topic) }
        let maximumTokens = try parser.takeOption("--max-tokens", topic: topic).map { text -> Int in
            guard let value = Int(text), value > 0 else { throw UsageError("--max-tokens must be a positive integer", topic: topic) }
            return value
        } ?? 64
        let maximumFee = try parser.takeOption("--max-fee", topic: topic)
            .map { try TransactionSubmission.tokens($0, option: "--max-fee", topic: topic) } ?? Token.baseUnitsPerToken
        let token = try parser.takeOption("--token", topic: topic)
        let reading = try LedgerReading(&parser, environment: environment, topic: topic)
        try parser.finish(topic: topic)
        let host: any InferTransport = try address.map { try P2PInferClient(address: $0) } ?? HTTPInferTransport(url: api ?? "")
        defer { host.close() }
        var headers = ["Content-Type": "application/json"]
        if let token {
            headers["Authorization"] = "Bearer \(token)"
        } else {
            headers["OLN-Fee-Authorization"] = try authorization(host: host, model: model, maximumFee: maximumFee,
                                                                  directory: reading.directory)
        }
        let (path, body) = completion(model: model, prompt: prompt, chat: chat ?? "", maximumTokens: maximumTokens)
        let (status, answer) = try host.post(path, body: body, headers: headers)
        guard status == 200 else {
            let message = ((answer["error"] as? [String: Any])?["message"] as? String) ?? "HTTP \(status)"
            throw CommandFailure("the host refused: \(message)")
        }
        report(answer, json: reading.json, console: console)
        return .success
    }

    /// The route and JSON body of a greedy completion: of `prompt`, or else of one user
    /// message `chat`.
    private static func completion(model: String, prompt: String?, chat: String, maximumTokens: Int) -> (String, [String: Any]) {
        var body: [String: Any] = ["model": model, "max_tokens": maximumTokens, "temperature": 0]
        if let prompt {
            body["prompt"] = prompt
            return ("/v1/completions", body)
        }
        body["messages"] = [["role": "user", "content": chat]]
        return ("/v1/chat/completions", body)
    }

    /// The host's libp2p address, which must name its peer id.
    private static func peerAddress(_ text: String, topic: String) throws -> Multiaddr {
        let address: Multiaddr
        do {
            address = try Multiaddr(text)
        } catch {
            throw UsageError("--peer \(text): \(error)", topic: topic)
        }
        guard address.components.contains(where: { if case .p2p = $0 { true } else { false } }) else {
            throw UsageError("--peer needs the host's peer id: MULTIADDR/p2p/<peer id>", topic: topic)
        }
        return address
    }

    /// A fee authorisation for `host`, signed with the directory's key, as the header
    /// carries it.
    private static func authorization(host: any InferTransport, model: String, maximumFee: Amount,
                                      directory: NodeDirectory) throws -> String {
        let identity = try host.get("/v1/oln/host")
        guard let addressText = identity["address"] as? String, let chainID = identity["chain_id"] as? Int,
              let address = try? AccountAddress(addressText) else {
            throw CommandFailure("\(host.hostDescription) is not an oln host (no /v1/oln/host)")
        }
        let key = try KeyFile.read(from: directory.keyPath)
        let adapter = model == identity["base_model"] as? String
            ? [] : try HexArgument.identifier(model, option: "--model", topic: "infer")
        let terms = FeeAuthorization(host: address, adapterHash: adapter, feeMax: maximumFee,
                                     authorizationID: SecureRandom.bytes(count: 32),
                                     expiry: UInt64(Date().timeIntervalSince1970) + 3_600)
        return Base16.encode(SignedMessage(signing: terms, chainID: UInt64(chainID), with: key.privateKey).envelopeBytes)
    }

    private static func report(_ answer: [String: Any], json: Bool, console: Console) {
        if json {
            console.print(CommandReport.jsonText(answer))
            return
        }
        let choice = (answer["choices"] as? [[String: Any]])?.first
        let text = (choice?["text"] as? String) ?? ((choice?["message"] as? [String: Any])?["content"] as? String) ?? ""
        console.print(text)
        guard let oln = answer["oln"] as? [String: Any] else { return }
        if let receipt = oln["receipt_id"] as? String {
            console.error("receipt \(receipt) (\(oln["method"] ?? "")), fee \(oln["fee"] ?? "") tokens, submitted: "
                          + "\(oln["submitted"] ?? false)")
            for entry in oln["attribution"] as? [[String: Any]] ?? [] {
                console.error("  credited \(entry["contribution"] ?? "") \(entry["weight_ppm"] ?? 0) ppm")
            }
        } else {
            console.error("no receipt: \(oln["note"] ?? oln["error"] ?? "")")
        }
    }
}
