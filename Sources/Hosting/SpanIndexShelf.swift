import Attribution
import Foundation
import Ledger
import ModelFactory
import Node
import Tokenizers

/// The span/1 indexes of the datanet versions this host's adapters were trained on, built
/// once each from an `AttributionCorpus`: the versions' accepted payloads in corpus order
/// (so every peer builds the same index and root; an adapter trained on several datanets
/// has one index over all of them). A payload that is prompt/response rows contributes the
/// text of its rows; any other payload its UTF-8 text. Thread-safe.
public final class SpanIndexShelf: @unchecked Sendable {
    private let blobs: BlobStore
    /// The base tokenizer the payloads are encoded with.
    public let tokenizer: Tokenizer
    private let lock = NSLock()
    private var indexes: [[DatanetVersion]: SpanIndex] = [:]

    /// A shelf that reads payloads from `blobs` and encodes them with `tokenizer`.
    public init(blobs: BlobStore, tokenizer: Tokenizer) {
        self.blobs = blobs
        self.tokenizer = tokenizer
    }

    /// The index of `datanet` at `version`; throws when a payload has not arrived yet.
    public func index(datanet: [UInt8], version: UInt64, ledger: LedgerDatabase) throws -> SpanIndex {
        try index(datanets: [DatanetVersion(datanetID: datanet, version: version)], ledger: ledger)
    }

    /// The index over the corpus of `datanets` (a training result's, in its order); throws
    /// when a payload has not arrived yet.
    public func index(datanets: [DatanetVersion], ledger: LedgerDatabase) throws -> SpanIndex {
        lock.lock()
        if let index = indexes[datanets] {
            lock.unlock()
            return index
        }
        lock.unlock()
        let index = try build(AttributionCorpus(datanets: datanets, ledger: ledger))
        lock.lock()
        indexes[datanets] = index
        lock.unlock()
        return index
    }

    /// The tokens a payload contributes to the index.
    public static func tokens(of payload: [UInt8], tokenizer: Tokenizer) -> [UInt32] {
        let text: String
        if let rows = PromptResponseRow.rows(in: payload) {
            text = rows.map { $0.prompt + "\n" + $0.response }.joined(separator: "\n")
        } else {
            text = String(decoding: payload, as: UTF8.self)
        }
        return tokenizer.encode(text, addingSpecialTokens: false, parsingSpecialTokens: false).map { UInt32($0) }
    }

    private func build(_ corpus: AttributionCorpus) throws -> SpanIndex {
        var builder = SpanIndexBuilder()
        for (id, contribution) in corpus.contributions {
            guard let payload = try blobs.get(contribution.contentHash) else {
                throw HostingError("the payload of contribution \(id.prefix(8).map { String(format: "%02x", $0) }.joined())… "
                                   + "has not arrived yet; attribution waits for it")
            }
            try builder.append(contributionID: id, tokens: Self.tokens(of: payload, tokenizer: tokenizer))
        }
        return builder.build()
    }
}
