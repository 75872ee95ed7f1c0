import Hosting
import Ledger
import Node

/// A receipt's revealed prompt and output texts, read from the blob store by the receipt's
/// hashes (the store checks each blob against its name).
public struct Reveal: Sendable, Equatable {
    public let promptText: String
    public let outputText: String

    public init(promptText: String, outputText: String) {
        self.promptText = promptText
        self.outputText = outputText
    }

    /// The reveal of `receipt` when `blobs` holds both texts; nil otherwise.
    public static func read(_ receipt: InferenceReceipt, from blobs: BlobStore) throws -> Reveal? {
        guard let prompt = try blobs.get(receipt.promptHash), let output = try blobs.get(receipt.outputHash) else {
            return nil
        }
        return Reveal(promptText: String(decoding: prompt, as: UTF8.self), outputText: String(decoding: output, as: UTF8.self))
    }

    /// The blobs to fetch for `receipt`'s reveal, each at most ``AttributionInput/revealByteCountMax`` bytes.
    public static func missing(_ receipt: InferenceReceipt, in blobs: BlobStore) -> [AuditError.MissingBlob] {
        [receipt.promptHash, receipt.outputHash].filter { !blobs.contains($0) }.map {
            AuditError.MissingBlob(hash: $0, byteCountMax: UInt64(AttributionInput.revealByteCountMax))
        }
    }
}
