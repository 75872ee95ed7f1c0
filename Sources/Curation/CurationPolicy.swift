import Attribution
import Ledger
import Sodium

/// The automatic curator's decision on one contribution: deterministic, no I/O.
///
/// Checks run in order and the first that fails names the rejection: the declared size
/// matches the payload, the payload is at least `payloadByteCountMin` bytes and at most
/// the smaller of the datanet's `payloadByteCountMax` and the policy's own, it is valid
/// UTF-8, it holds at least one word, and no earlier payload's signature agrees with its
/// own in `agreementsRequired` places or more (estimated Jaccard similarity at or above
/// the threshold). Otherwise it accepts.
public struct CurationPolicy: Sendable {
    /// What the policy accepts.
    public let parameters: CurationParameters
    private let hasher: MinHasher

    /// A policy with `parameters`.
    public init(parameters: CurationParameters = CurationParameters()) {
        self.parameters = parameters
        hasher = MinHasher(parameters: parameters.nearDuplicate)
    }

    /// The fingerprint of `payload`, or nil when it is not UTF-8 text or holds no words.
    /// `contentHash` names it (BLAKE2b-256 of the payload when not given).
    public func fingerprint(of payload: [UInt8], contentHash: [UInt8]? = nil) -> PayloadFingerprint? {
        guard Self.isUTF8(payload), let signature = hasher.signature(of: PayloadFingerprint.wordTokens(of: payload)) else {
            return nil
        }
        return PayloadFingerprint(contentHash: contentHash ?? BLAKE2b256.hash(payload), signature: signature)
    }

    /// Decides `payload`, contributed to a datanet with `rules`, against the fingerprints
    /// of the payloads accepted there and those contributed before it (the first
    /// `comparedPayloadCountMax` of `earlier`). `declaredByteCount` is the size the
    /// contribution declared, when known.
    public func decide(payload: [UInt8], declaredByteCount: UInt64? = nil, rules: DatanetRules,
                       earlier: [PayloadFingerprint]) -> CurationDecision {
        if let rejection = sizeRejection(byteCount: UInt64(payload.count), declaredByteCount: declaredByteCount, rules: rules) {
            return .reject(rejection)
        }
        guard Self.isUTF8(payload) else { return .reject(.notText) }
        guard let candidate = fingerprint(of: payload) else { return .reject(.noWords) }
        if let (match, agreements) = closestMatch(to: candidate, among: earlier),
           agreements >= parameters.nearDuplicate.agreementsRequired {
            let ppm = agreements * 1_000_000 / parameters.nearDuplicate.signatureCount
            return .reject(.nearDuplicate(of: match.contentHash, similarityPPM: ppm))
        }
        return .accept
    }

    /// Decides `payload` against earlier payloads given as bytes (fingerprinted here; those
    /// that are not text are skipped).
    public func decide(payload: [UInt8], rules: DatanetRules, earlierPayloads: [[UInt8]]) -> CurationDecision {
        let earlier = earlierPayloads.prefix(parameters.comparedPayloadCountMax).compactMap { fingerprint(of: $0) }
        return decide(payload: payload, rules: rules, earlier: earlier)
    }

    /// The size check alone, for a caller that knows a payload's size before reading it.
    public func sizeRejection(byteCount: UInt64, declaredByteCount: UInt64?, rules: DatanetRules) -> CurationRejection? {
        if let declaredByteCount, declaredByteCount != byteCount {
            return .byteCountMismatch(declared: declaredByteCount, actual: byteCount)
        }
        if byteCount < UInt64(parameters.payloadByteCountMin) {
            return .tooSmall(byteCount: byteCount, minimum: parameters.payloadByteCountMin)
        }
        let maximum = min(rules.payloadByteCountMax, parameters.payloadByteCountMax)
        if byteCount > maximum { return .tooLarge(byteCount: byteCount, maximum: maximum) }
        return nil
    }

    /// The earlier fingerprint agreeing with `candidate` in the most places, and how many.
    private func closestMatch(to candidate: PayloadFingerprint,
                              among earlier: [PayloadFingerprint]) -> (PayloadFingerprint, Int)? {
        var best: (PayloadFingerprint, Int)?
        let count = parameters.nearDuplicate.signatureCount
        for other in earlier.prefix(parameters.comparedPayloadCountMax) where other.signature.count == count {
            var agreements = 0
            for index in 0..<count where candidate.signature[index] == other.signature[index] { agreements += 1 }
            if agreements > (best?.1 ?? -1) { best = (other, agreements) }
        }
        return best
    }

    /// Whether `bytes` are well-formed UTF-8: decoding replaces every ill-formed sequence
    /// with U+FFFD, so only well-formed input encodes back to the same bytes.
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        let decoded = String(decoding: bytes, as: UTF8.self)
        return decoded.utf8.elementsEqual(bytes)
    }
}
