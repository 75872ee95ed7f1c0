import Foundation
import HTTP
import IO
import InferenceAPI
import Ledger
import Node
import OpenLoRA
import Tokenizers
import Wire

/// The host role beside a running node: the model's scheduler on a thread of its own, the
/// OpenAI-compatible routes on the node's API, and every few seconds a refresh that
/// serves newly arrived adapters, builds their span indexes and, when the set changed and
/// the host has stake, publishes a HostListing with the adapters and the price.
public final class HostService: @unchecked Sendable {
    /// How often the adapters are refreshed.
    public static let refreshInterval: Duration = .seconds(2)

    public let server: InferenceServer
    private let runtime: NodeRuntime
    private let scheduler: BatchScheduler
    private let shelf: AdapterShelf
    private let indexes: SpanIndexShelf
    private let issuer: ReceiptIssuer
    private let settings: HostSettings
    private let log: NodeLog
    private let api: NodeAPI
    private var refreshTimer: TimerHandle?
    private var listedHashes: [[UInt8]] = []
    private let ledger: LedgerDatabase

    /// A host for `model` (registered on the ledger as `baseHash`) beside `runtime`, serving
    /// on `api` (before it starts).
    public init(runtime: NodeRuntime, api: NodeAPI, settings: HostSettings, model: LlamaModel, tokenizer: Tokenizer,
                baseHash: [UInt8], apiToken: String, log: NodeLog) throws {
        self.api = api
        self.runtime = runtime
        self.settings = settings
        self.log = log
        scheduler = BatchScheduler(model: model)
        let registry = AdapterRegistry(cache: AdapterCache(byteBudget: settings.adapterCacheBytes))
        shelf = AdapterShelf(registry: registry, base: model.configuration, baseHash: baseHash,
                             directory: runtime.directory, blobs: runtime.blobs)
        indexes = SpanIndexShelf(blobs: runtime.blobs, tokenizer: tokenizer)
        let price = try TokenAmountText.parse(settings.pricePerThousandTokens)
        issuer = try ReceiptIssuer(runtime: runtime, shelf: shelf, indexes: indexes, pricePerThousandTokens: price,
                                   apiToken: apiToken,
                                   influence: InfluenceShelf(model: model, blobs: runtime.blobs, indexes: indexes))
        ledger = try LedgerDatabase(path: runtime.directory.chainPath)
        let configuration = InferenceServerConfiguration(baseModelID: Base16.encode(baseHash), adminToken: apiToken)
        server = InferenceServer(configuration: configuration, scheduler: scheduler, tokenizer: tokenizer,
                                 adapters: registry, observer: issuer, api: api.server)
        let identity: APIValue = [
            "address": .string(runtime.identity.accountAddress.description), "peer_id": .string(runtime.identity.peerID.description),
            "chain_id": .integer(Int(runtime.setup.chainID)), "base_model": .string(Base16.encode(baseHash)),
            "price_per_thousand_tokens": .string(settings.pricePerThousandTokens),
        ]
        server.addRoute(.get, "/v1/oln/host") { _, responder in responder.respond(json: identity) }
        InferProtocol.install(on: runtime, server: server)
    }

    /// Starts the scheduler and the refreshes (the API is started by its owner).
    public func start() {
        Thread { [scheduler] in scheduler.run() }.start()
        let loop = api.loop
        _ = loop.execute { [self] in
            refreshTimer = loop.scheduleTimer(after: .zero, repeating: Self.refreshInterval) { [self] in
                DispatchQueue.global().async { self.refresh() }
            }
        }
    }

    /// Stops the refreshes and the scheduler (before the API stops, or after).
    public func stop() {
        _ = api.loop.execute { [self] in refreshTimer?.cancel() }
        scheduler.stop()
    }

    /// The adapters served, as hashes in hexadecimal.
    public var adapterNames: [String] { shelf.all.map(\.name) }

    /// Receipts issued since the host started.
    public var receiptCount: Int { issuer.issuedCount }

    /// Inference requests the scheduler finished since the host started (answered, stopped
    /// or failed).
    public var servedRequestCount: Int { scheduler.statistics.finishedCount }

    private let refreshLock = NSLock()

    private func refresh() {
        guard refreshLock.try() else { return }
        defer { refreshLock.unlock() }
        let (added, failures) = shelf.refresh(ledger: ledger)
        for failure in failures {
            log.warning("adapter_refused", ["adapter": Base16.encode(failure.hash), "reason": failure.reason])
        }
        for served in added {
            log.info("adapter_served", ["adapter": served.name, "datanet": Base16.encode(served.datanetID),
                                        "version": served.datanetVersion])
            do {
                _ = try indexes.index(datanets: served.datanets, ledger: ledger)
            } catch {
                log.warning("span_index_waiting", ["adapter": served.name, "reason": error])
            }
        }
        if !added.isEmpty { publishListing() }
    }

    /// Publishes the adapters served and the price, when the host has the stake a listing needs.
    private func publishListing() {
        let hashes = shelf.all.map(\.hash)
        guard hashes != listedHashes, let parameters = try? ledger.parameters(),
              let stake = try? ledger.stakes(of: runtime.identity.accountAddress).first(where: { $0.role == .host })?.amount,
              stake >= parameters[.hostStakeMin] else { return }
        let endpoint = server.localAddress.map { "http://\($0.host):\($0.port)" } ?? ""
        guard let price = try? TokenAmountText.parse(settings.pricePerThousandTokens),
              let ledgerNonce = try? ledger.account(runtime.identity.accountAddress).nonce else { return }
        runtime.accountNonces.observe(ledgerNonce: ledgerNonce)
        let nonce = runtime.accountNonces.next(ledgerNonce: ledgerNonce)
        let listing = HostListing(adapterHashes: hashes, pricePerThousandTokens: price, endpoint: endpoint)
        let now = UInt64(Date().timeIntervalSince1970)
        let transaction = TransactionBuilder.signed(.hostListing(listing), nonce: nonce, fee: nil, expiry: now + 3_600,
                                                    parameters: parameters, chainID: runtime.setup.chainID,
                                                    key: runtime.identity.privateKey)
        if runtime.submit(transaction) {
            listedHashes = hashes
            log.info("host_listing", ["adapters": hashes.count, "endpoint": endpoint])
        } else {
            runtime.accountNonces.release(nonce)
        }
    }
}
