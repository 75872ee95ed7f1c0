import Ledger
import Sodium
import Wire

/// Proof that validators with more than 2/3 of the stake precommitted one batch in one
/// round: their Ed25519 signatures over the same ``ConsensusVote`` (step precommit,
/// height, slot, batch hash), ordered by signer address. The batch is decided.
///
///     message FinalityCertificate {
///       uint64 height = 1; uint64 slot = 2; bytes batch_hash = 3;
///       repeated Signature signatures = 4;   // { bytes signer = 1 (32); bytes signature = 2 (64) }
///     }
public struct FinalityCertificate: Sendable, Hashable, LedgerMessageCoding {
    public struct Signature: Sendable, Hashable {
        public var signer: Ed25519PublicKey
        public var signature: [UInt8]

        public init(signer: Ed25519PublicKey, signature: [UInt8]) {
            self.signer = signer
            self.signature = signature
        }
    }

    public var height: UInt64
    /// The round (slot) of the precommits.
    public var slot: UInt64
    public var batchHash: [UInt8]
    /// Ordered by the signers' account addresses, no signer twice.
    public var signatures: [Signature]

    /// - Precondition: `vote` is a precommit for a batch.
    public init(vote: ConsensusVote, signatures: [Signature]) {
        precondition(vote.step == .precommit, "a certificate holds precommits")
        guard let batchHash = vote.batchHash else { preconditionFailure("a certificate holds precommits for a batch") }
        height = vote.height
        slot = vote.slot
        self.batchHash = batchHash
        self.signatures = signatures.sorted { AccountAddress(publicKey: $0.signer) < AccountAddress(publicKey: $1.signer) }
    }

    /// The precommit every signature signs.
    public var vote: ConsensusVote {
        ConsensusVote(step: .precommit, height: height, slot: slot, batchHash: batchHash)
    }

    /// Why the certificate does not prove finality under `validators` on `chainID`, or nil.
    /// Signatures in `verifiedSignatures` were already verified over this certificate's
    /// vote (as received precommits, say) and are not checked again.
    public func verificationFailure(validators: ValidatorSet, chainID: UInt64,
                                    verifiedSignatures: Set<Signature> = []) -> String? {
        let signed = vote.signingBytes(chainID: chainID)
        var weight: Amount = 0
        var previous: AccountAddress?
        for entry in signatures {
            let address = AccountAddress(publicKey: entry.signer)
            if let previous, !(previous < address) { return "signers are not in strictly increasing address order" }
            previous = address
            let stake = validators.stake(of: address)
            guard stake > 0 else { return "\(address) is not a validator" }
            guard verifiedSignatures.contains(entry) || entry.signer.isValidSignature(entry.signature, for: signed) else {
                return "the signature of \(address) does not verify"
            }
            weight += stake
        }
        return validators.isSupermajority(weight) ? nil : "the signers hold 2/3 of the validator stake or less"
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeVarintIfNonZero(height, field: 1)
        writer.writeVarintIfNonZero(slot, field: 2)
        writer.writeBytes(batchHash, field: 3)
        for entry in signatures {
            var nested = ProtobufWriter()
            nested.writeBytes(entry.signer.bytes, field: 1)
            nested.writeBytes(entry.signature, field: 2)
            writer.writeMessage(nested, field: 4)
        }
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var height: UInt64 = 0
        var slot: UInt64 = 0
        var hash: [UInt8]?
        var signatures: [Signature] = []
        var previous = 0
        while let field = try reader.nextField(after: &previous, repeatable: 4) {
            switch field.number {
            case 1: height = try field.uint64()
            case 2: slot = try field.uint64()
            case 3: hash = try field.hash32()
            case 4:
                guard signatures.count < ValidatorSet.memberCountMax else {
                    throw .limitExceeded("certificate signatures", limit: ValidatorSet.memberCountMax)
                }
                var nested = try reader.nestedReader(for: field)
                signatures.append(try Self.signature(from: &nested))
            default: throw .unknownField(field.number)
            }
        }
        self.height = height
        self.slot = slot
        batchHash = try hash.required(field: 3)
        self.signatures = signatures
    }

    private static func signature(from reader: inout ProtobufReader) throws(WireError) -> Signature {
        var signer: [UInt8]?
        var signature: [UInt8]?
        var previous = 0
        while let field = try reader.nextField(after: &previous) {
            switch field.number {
            case 1: signer = try field.bytes()
            case 2: signature = try field.bytes()
            default: throw .unknownField(field.number)
            }
        }
        let key = try signer.required(field: 1)
        let bytes = try signature.required(field: 2)
        guard bytes.count == Ed25519PublicKey.signatureByteCount,
              let publicKey = try? Ed25519PublicKey(bytes: key) else {
            throw .valueOutOfRange("a certificate signature needs a 32-byte key and a 64-byte signature")
        }
        return Signature(signer: publicKey, signature: bytes)
    }
}
