import Ledger
import Sodium
import Wire

/// Proof that validators with more than 2/3 of the stake attested one batch: their
/// Ed25519 signatures over the same ``Attestation``, ordered by signer address.
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

    public var attestation: Attestation
    /// Ordered by the signers' account addresses, no signer twice.
    public var signatures: [Signature]

    public init(attestation: Attestation, signatures: [Signature]) {
        self.attestation = attestation
        self.signatures = signatures.sorted { AccountAddress(publicKey: $0.signer) < AccountAddress(publicKey: $1.signer) }
    }

    /// Why the certificate does not prove finality under `validators` on `chainID`, or nil.
    public func verificationFailure(validators: ValidatorSet, chainID: UInt64) -> String? {
        let signed = attestation.signingBytes(chainID: chainID)
        var weight: Amount = 0
        var previous: AccountAddress?
        for entry in signatures {
            let address = AccountAddress(publicKey: entry.signer)
            if let previous, !(previous < address) { return "signers are not in strictly increasing address order" }
            previous = address
            let stake = validators.stake(of: address)
            guard stake > 0 else { return "\(address) is not a validator" }
            guard entry.signer.isValidSignature(entry.signature, for: signed) else {
                return "the signature of \(address) does not verify"
            }
            weight += stake
        }
        return validators.isSupermajority(weight) ? nil : "the signers hold 2/3 of the validator stake or less"
    }

    public func encode(to writer: inout ProtobufWriter) {
        writer.writeVarintIfNonZero(attestation.height, field: 1)
        writer.writeVarintIfNonZero(attestation.slot, field: 2)
        writer.writeBytes(attestation.batchHash, field: 3)
        for entry in signatures {
            var nested = ProtobufWriter()
            nested.writeBytes(entry.signer.bytes, field: 1)
            nested.writeBytes(entry.signature, field: 2)
            writer.writeMessage(nested, field: 4)
        }
    }

    public init(from reader: inout ProtobufReader) throws(WireError) {
        var attestation = Attestation(height: 0, slot: 0, batchHash: [])
        var hash: [UInt8]?
        var signatures: [Signature] = []
        var previous = 0
        while let field = try reader.nextField(after: &previous, repeatable: 4) {
            switch field.number {
            case 1: attestation.height = try field.uint64()
            case 2: attestation.slot = try field.uint64()
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
        attestation.batchHash = try hash.required(field: 3)
        self.attestation = attestation
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
