import Foundation
import Ledger
import Node
import Wire

/// Fingerprints of the payloads a datanet already holds, cached between rounds.
extension CuratorService {
    /// Fingerprints of the datanet's accepted payloads that this node holds, oldest first,
    /// at most `comparedPayloadCountMax`.
    func acceptedFingerprints(datanet: [UInt8]) throws -> [PayloadFingerprint] {
        let ids = try ledger.contributionIDs(datanet: datanet, status: .accepted, limit: settings.policy.comparedPayloadCountMax)
        var result: [PayloadFingerprint] = []
        for id in ids {
            let contentHash: [UInt8]
            if let known = acceptedContentHashes[id] {
                contentHash = known
            } else {
                guard let record = try ledger.contribution(id) else { continue }
                if acceptedContentHashes.count >= settings.fingerprintCacheCountMax { acceptedContentHashes.removeAll() }
                acceptedContentHashes[id] = record.contentHash
                contentHash = record.contentHash
            }
            if let fingerprint = fingerprint(of: contentHash) { result.append(fingerprint) }
        }
        return result
    }

    /// The fingerprint of the payload named `contentHash`: nil when the store does not hold
    /// it (yet), it is larger than the policy reads, or it is not text.
    func fingerprint(of contentHash: [UInt8]) -> PayloadFingerprint? {
        if let cached = fingerprints[contentHash] { return cached }
        guard let size = blobByteCount(contentHash) else { return nil }
        var fingerprint: PayloadFingerprint?
        if size <= settings.policy.payloadByteCountMax {
            do {
                guard let payload = try runtime.blobs.get(contentHash) else { return nil }
                fingerprint = policy.fingerprint(of: payload, contentHash: contentHash)
            } catch {
                runtime.log.warning("curation_payload_unreadable", ["content": Base16.encode(contentHash), "reason": error])
                return nil
            }
        }
        if fingerprints.count >= settings.fingerprintCacheCountMax { fingerprints.removeAll() }
        fingerprints[contentHash] = .some(fingerprint)
        return fingerprint
    }

    /// The size of the held blob named `contentHash`, read from the file system without
    /// reading the blob; nil when the store does not hold it.
    func blobByteCount(_ contentHash: [UInt8]) -> UInt64? {
        guard runtime.blobs.contains(contentHash),
              let attributes = try? FileManager.default.attributesOfItem(atPath: runtime.blobs.path(of: contentHash)),
              let size = attributes[.size] as? NSNumber else { return nil }
        return size.uint64Value
    }
}
