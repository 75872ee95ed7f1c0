import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Identity
import Ledger
import Node
import Sodium
import Wire

/// `oln infer --api URL --model NAME (--prompt TEXT | --chat TEXT)`: asks a host's
/// OpenAI-compatible API, paying with a fee authorisation signed by the data directory's key
/// (or with the host's own API token), and prints the answer and its receipt.
enum InferCommand {
    static func run(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "infer"
        if parser.takeFlag("--help", "-h") {
            console.print(HelpText.infer)
            return .success
        }
        guard let api = try parser.takeOption("--api", topic: topic) else {
            throw UsageError("--api URL is required (the host's API, e.g. http://127.0.0.1:8080)", topic: topic)
        }
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
        let base = api.hasSuffix("/") ? String(api.dropLast()) : api
        var headers = ["Content-Type": "application/json"]
        if let token {
            headers["Authorization"] = "Bearer \(token)"
        } else {
            headers["OLN-Fee-Authorization"] = try authorization(api: base, model: model, maximumFee: maximumFee,
                                                                  directory: reading.directory)
        }
        var body: [String: Any] = ["model": model, "max_tokens": maximumTokens, "temperature": 0]
        let path: String
        if let prompt {
            body["prompt"] = prompt
            path = "/v1/completions"
        } else {
            body["messages"] = [["role": "user", "content": chat!]]
            path = "/v1/chat/completions"
        }
        let (status, answer) = try HTTPExchange.post(base + path, body: body, headers: headers)
        guard status == 200 else {
            let message = ((answer["error"] as? [String: Any])?["message"] as? String) ?? "HTTP \(status)"
            throw CommandFailure("the host refused: \(message)")
        }
        report(answer, json: reading.json, console: console)
        return .success
    }

    /// A fee authorisation for the host behind `api`, signed with the directory's key, as the
    /// header carries it.
    private static func authorization(api: String, model: String, maximumFee: Amount, directory: NodeDirectory) throws -> String {
        let host = try HTTPExchange.get(api + "/v1/oln/host")
        guard let addressText = host["address"] as? String, let chainID = host["chain_id"] as? Int,
              let address = try? AccountAddress(addressText) else {
            throw CommandFailure("\(api) is not an oln host (no /v1/oln/host)")
        }
        let key = try KeyFile.read(from: directory.keyPath)
        let adapter = model == host["base_model"] as? String ? [] : try HexArgument.identifier(model, option: "--model", topic: "infer")
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
