import HTTP
import Identity
import Ledger
import Testing
import Wire
@testable import Hosting

@Suite("FeeAuthorizationHeader")
struct FeeAuthorizationHeaderTests {
    static let client = IdentityKey()
    static let host = IdentityKey().accountAddress
    static let adapter = [UInt8](repeating: 7, count: 32)

    static func headers(host: AccountAddress = host, adapter: [UInt8] = adapter, expiry: UInt64 = 2_000,
                        chainID: UInt64 = 5) -> HTTPHeaders {
        let terms = FeeAuthorization(host: host, adapterHash: adapter, feeMax: 10, authorizationID: [UInt8](repeating: 1, count: 32),
                                     expiry: expiry)
        let envelope = SignedMessage(signing: terms, chainID: chainID, with: client.privateKey).envelopeBytes
        return [FeeAuthorizationHeader.name: Base16.encode(envelope)]
    }

    static func read(_ headers: HTTPHeaders) throws(HostingError) -> SignedMessage<FeeAuthorization>? {
        try FeeAuthorizationHeader.authorization(in: headers, chainID: 5, host: host, adapterHash: adapter, now: 1_000)
    }

    @Test("a valid authorisation names its client; none is nil")
    func valid() throws {
        let authorization = try #require(try Self.read(Self.headers()))
        #expect(authorization.signerAddress == Self.client.accountAddress)
        #expect(try Self.read([:]) == nil)
    }

    @Test("another host, another adapter, an expired one, another chain or bad hex are refused", arguments: [
        headers(host: IdentityKey().accountAddress), headers(adapter: [UInt8](repeating: 8, count: 32)),
        headers(expiry: 999), headers(chainID: 6), [FeeAuthorizationHeader.name: "zz"],
        [FeeAuthorizationHeader.name: String(repeating: "ab", count: 2_000)],
    ])
    func refused(headers: HTTPHeaders) {
        #expect(throws: HostingError.self) { try Self.read(headers) }
    }
}
