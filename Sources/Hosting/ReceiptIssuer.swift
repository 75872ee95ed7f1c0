import Attribution
import Foundation
import HTTP
import InferenceAPI
import Identity
import InfluenceAttribution
import Ledger
import Node
import Sodium
import Tokenizers
import Wire

/// The API's completion observer on a host: admits a request for an adapter only when it is
/// paid for (the client's `OLN-Fee-Authorization`, or the node's API token, in which case the
/// host pays itself), and after each answer attributes the output (influence/1 from the
/// training job's gradient store once it has arrived, else span/1 against the index of the
/// datanet version the adapter was trained on), signs the InferenceReceipt, submits it
/// through the node, keeps the prompt and output for the challenge window, and returns the
/// receipt's fields for the answer's `"oln"` object. Answers of the base model alone draw on
/// no datanet and carry no receipt.
///
/// Peers must be able to check every receipt from what the host reveals, so the prompt and
/// output texts go into the node's blob store (their names are the receipt's `promptHash`
/// and `outputHash`, fetched by peers over /oln/blob/1), and the attribution is computed
/// over ``AttributionInput``'s tokens of those texts, not over the ids the model saw.
final class ReceiptIssuer: CompletionObserver, @unchecked Sendable {
    let runtime: NodeRuntime
    let shelf: AdapterShelf
    let indexes: SpanIndexShelf
    let influence: InfluenceShelf?
    let pricePerThousandTokens: Amount
    private let ownToken: BearerAuthorization
    private let ledger: LedgerDatabase
    private let ledgerLock = NSLock()
    var nonces: AccountNonces { runtime.accountNonces }
    private var tokenizer: Tokenizer { indexes.tokenizer }
    private let receiptsPath: String
    private let counter = ReceiptCounter()

    init(runtime: NodeRuntime, shelf: AdapterShelf, indexes: SpanIndexShelf, pricePerThousandTokens: Amount,
         apiToken: String, influence: InfluenceShelf? = nil) throws {
        self.runtime = runtime
        self.influence = influence
        self.shelf = shelf
        self.indexes = indexes
        self.pricePerThousandTokens = pricePerThousandTokens
        ownToken = BearerAuthorization(token: apiToken)
        ledger = try LedgerDatabase(path: runtime.directory.chainPath)
        receiptsPath = (runtime.directory.path as NSString).appendingPathComponent("receipts")
        try FileManager.default.createDirectory(atPath: receiptsPath, withIntermediateDirectories: true)
    }

    /// Receipts issued and submitted since the host started.
    var issuedCount: Int { counter.value }

    func admit(model: String, adapterName: String?, headers: HTTPHeaders) -> APIError? {
        guard let adapterName, let served = shelf.served(named: adapterName) else { return nil }
        do {
            if try authorization(headers, adapterHash: served.hash) != nil || ownToken.isAuthorized(headers) { return nil }
        } catch {
            return APIError(status: .paymentRequired, message: "\(error)", type: "invalid_request_error",
                            code: "invalid_fee_authorization")
        }
        return APIError(status: .paymentRequired,
                        message: "Answers of an adapter are paid: send \(FeeAuthorizationHeader.name) (a fee authorisation "
                            + "signed by your account for host \(runtime.identity.accountAddress)) or the node's API token.",
                        type: "invalid_request_error", code: "fee_authorization_required")
    }

    func extraFields(for record: CompletionRecord) -> APIValue {
        guard let name = record.adapterName, let served = shelf.served(named: name) else {
            return ["receipt": nil, "note": "answers of the base model alone draw on no datanet and carry no receipt"]
        }
        do {
            return try issue(record, served: served)
        } catch {
            return ["receipt": nil, "error": .string("\(error)")]
        }
    }

    private func issue(_ record: CompletionRecord, served: AdapterShelf.Served) throws -> APIValue {
        ledgerLock.lock()
        defer { ledgerLock.unlock() }
        let now = UInt64(Date().timeIntervalSince1970)
        let chainID = runtime.setup.chainID
        let (promptHash, outputHash) = try reveal(record)
        let attribution = try attribute(record, served: served)
        let tokenCount = record.promptTokenIDs.count + record.outputTokenIDs.count
        var fee = pricePerThousandTokens * Amount(tokenCount) / 1_000
        let authorization: SignedMessage<FeeAuthorization>
        if let given = try self.authorization(record.requestHeaders, adapterHash: served.hash) {
            authorization = given
            fee = min(fee, given.body.feeMax)
        } else {
            let terms = FeeAuthorization(host: runtime.identity.accountAddress, adapterHash: served.hash, feeMax: fee,
                                         authorizationID: SecureRandom.bytes(count: 32), expiry: now + 3_600)
            authorization = SignedMessage(signing: terms, chainID: chainID, with: runtime.identity.privateKey)
        }
        let receipt = InferenceReceipt(
            clientAuthorization: authorization.envelopeBytes, datanetID: served.datanetID, adapterHash: served.hash,
            promptHash: promptHash, outputHash: outputHash,
            tokensIn: UInt64(record.promptTokenIDs.count), tokensOut: UInt64(record.outputTokenIDs.count), fee: fee,
            method: attribution.method, attribution: attribution.entries, attributionRoot: attribution.root)
        let host = runtime.identity.accountAddress
        let nonce = nonces.next(ledgerNonce: try ledger.account(host).nonce)
        let transaction = TransactionBuilder.signed(.inferenceReceipt(receipt), nonce: nonce, fee: nil, expiry: now + 3_600,
                                                    parameters: try ledger.parameters(), chainID: chainID,
                                                    key: runtime.identity.privateKey)
        let receiptID = LedgerIdentifier.derive(sender: host, nonce: nonce)
        try keep(record, receiptID: receiptID)
        let submitted = runtime.submit(transaction)
        if submitted { counter.increment() } else { nonces.release(nonce) }
        return ["receipt_id": .string(Base16.encode(receiptID)), "transaction": .string(Base16.encode(transaction.id)),
                "submitted": .bool(submitted), "method": .string(attribution.method),
                "fee": .string(TokenAmountText.format(fee)), "datanet": .string(Base16.encode(served.datanetID)),
                "datanet_version": .integer(Int(served.datanetVersion)),
                "attribution_root": .string(Base16.encode(attribution.root)),
                "attribution": .array(attribution.entries.map {
                    ["contribution": .string(Base16.encode($0.contributionID)), "weight_ppm": .integer(Int($0.weightPPM))]
                })]
    }

    /// influence/1 when the adapter's gradient store has arrived (the training job's stored
    /// per-example gradients), else span/1 over the datanet version's index.
    private func attribute(_ record: CompletionRecord, served: AdapterShelf.Served) throws
        -> (method: String, root: [UInt8], entries: [AttributionEntry]) {
        do {
            if let influence, let entry = try influence.entry(for: served, ledger: ledger) {
                let (root, attributed) = try entry.attribute(promptText: record.promptText, outputText: record.outputText,
                                                             tokenizer: tokenizer)
                guard let entries = attributed else {
                    throw HostingError("influence/1 cannot evaluate this prompt and output")
                }
                let total = entries.reduce(0) { $0 + UInt64($1.weightPPM) }
                guard entries.isEmpty || total == UInt64(Token.partsPerMillion) else {
                    throw HostingError("influence credit maps to \(total) ppm of known contributions, not 1000000")
                }
                return (entry.attributor.parameters.method, root, entries)
            }
        } catch {
            runtime.log.warning("influence_fallback", ["adapter": served.name, "reason": error])
        }
        let index = try indexes.index(datanets: served.datanets, ledger: ledger)
        let output = AttributionInput.outputTokens(of: record.outputText, tokenizer: tokenizer)
        let result = SpanAttribution.attribute(output.map { UInt32(clamping: $0) }, index: index)
        return (SpanAttribution.method, result.indexRoot,
                result.weights.map { AttributionEntry(contributionID: $0.contributionID, weightPPM: $0.weightPPM) })
    }

    private func authorization(_ headers: HTTPHeaders, adapterHash: [UInt8]) throws -> SignedMessage<FeeAuthorization>? {
        try FeeAuthorizationHeader.authorization(in: headers, chainID: runtime.setup.chainID,
                                                 host: runtime.identity.accountAddress, adapterHash: adapterHash,
                                                 now: UInt64(Date().timeIntervalSince1970))
    }

    /// Puts the prompt and output texts into the blob store, where peers fetch them by the
    /// receipt's hashes; returns those hashes. Texts over ``AttributionInput/revealByteCountMax``
    /// get no receipt: peers would not fetch them, and the receipt would be challenged.
    private func reveal(_ record: CompletionRecord) throws -> (prompt: [UInt8], output: [UInt8]) {
        let prompt = Array(record.promptText.utf8)
        let output = Array(record.outputText.utf8)
        guard prompt.count <= AttributionInput.revealByteCountMax, output.count <= AttributionInput.revealByteCountMax else {
            throw HostingError("the prompt or output is longer than the \(AttributionInput.revealByteCountMax) bytes "
                               + "a receipt may reveal")
        }
        return (try runtime.blobs.put(prompt), try runtime.blobs.put(output))
    }

    /// Keeps the prompt and output a challenge may ask the host to reveal.
    private func keep(_ record: CompletionRecord, receiptID: [UInt8]) throws {
        let object: [String: Any] = ["prompt": record.promptText, "output": record.outputText,
                                     "prompt_tokens": record.promptTokenIDs, "output_tokens": record.outputTokenIDs,
                                     "adapter": record.adapterName ?? ""]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        try DurableFile.write([UInt8](data), to: (receiptsPath as NSString).appendingPathComponent(Base16.encode(receiptID) + ".json"),
                              synchronous: false)
    }
}
