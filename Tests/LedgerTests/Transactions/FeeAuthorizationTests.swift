import Identity
import Sodium
import Testing
import TestSupport
import Wire
@testable import Ledger

@Suite("FeeAuthorization")
struct FeeAuthorizationTests {
    static let authorization = FeeAuthorization(
        host: TransactionSamples.address, adapterHash: TransactionSamples.hash(6), feeMax: 99_999,
        authorizationID: TransactionSamples.hash(15), expiry: 1_700_000_600
    )
    // Scripts/fixtures/make_ledger_vectors.py, fee_authorization (Python's protobuf).
    static let encoding = hex(
        "0a141111111111111111111111111111111111111111"
            + "12200606060606060606060606060606060606060606060606060606060606060606"
            + "1a0301869f" + "22200f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f" + "28d8e6cfaa06"
    )

    @Test("the sample encodes to the bytes of Python's protobuf, and decodes back")
    func knownEncoding() throws {
        #expect(FeeAuthorization.domainTag == "oln/fee-authorization/1")
        #expect(FeeAuthorization.byteCountMax == 512)
        #expect(Self.authorization.canonicalBytes == Self.encoding)
        #expect(try FeeAuthorization.decodeCanonical(Self.encoding) == Self.authorization)
    }

    @Test("the base model alone has no adapter hash")
    func baseModel() throws {
        var authorization = Self.authorization
        authorization.adapterHash = []
        #expect(try FeeAuthorization.decodeCanonical(authorization.canonicalBytes) == authorization)
    }

    @Test("malformed authorisations are refused", arguments: [
        ("no expiry", FeeAuthorization(host: TransactionSamples.address, adapterHash: [], feeMax: 1, authorizationID: TransactionSamples.hash(1), expiry: 0)),
        ("no id", FeeAuthorization(host: TransactionSamples.address, adapterHash: [], feeMax: 1, authorizationID: [], expiry: 1)),
        ("31-byte id", FeeAuthorization(host: TransactionSamples.address, adapterHash: [], feeMax: 1, authorizationID: [UInt8](repeating: 1, count: 31), expiry: 1)),
        ("31-byte adapter hash", FeeAuthorization(host: TransactionSamples.address, adapterHash: [UInt8](repeating: 1, count: 31), feeMax: 1, authorizationID: TransactionSamples.hash(1), expiry: 1)),
    ])
    func refused(name: String, authorization: FeeAuthorization) {
        #expect(throws: WireError.self, "\(name)") { try FeeAuthorization.decodeCanonical(authorization.canonicalBytes) }
    }

    @Test("an authorisation without a host is refused with missingField(1)")
    func missingHost() {
        #expect(throws: WireError.missingField(1)) { try FeeAuthorization.decodeCanonical(Array(Self.encoding.dropFirst(22))) }
    }

    @Test("a signature for one chain or kind is not valid for another")
    func domainSeparation() throws {
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 8, count: 32))
        let envelope = SignedMessage(signing: Self.authorization, chainID: 3, with: key).envelopeBytes
        #expect(try SignedMessage<FeeAuthorization>.verified(envelope, chainID: 3).body == Self.authorization)
        #expect(throws: SignedMessageError.invalidSignature) { try SignedMessage<FeeAuthorization>.verified(envelope, chainID: 4) }
        #expect(throws: SignedMessageError.self) { try SignedTransaction.verified(envelope, chainID: 3) }
    }
}
