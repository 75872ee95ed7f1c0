import Foundation
import HTTP
import Identity
import Ledger
import Wire

/// The client's fee authorisation as a request carries it: the header
/// `OLN-Fee-Authorization` holding the hexadecimal `SignedEnvelope` of a
/// `SignedMessage<FeeAuthorization>`, checked against this host, the adapter and the time.
enum FeeAuthorizationHeader {
    static let name = "OLN-Fee-Authorization"
    /// Longest header value read (twice the envelope limit, in hexadecimal).
    static let valueByteCountMax = 2 * 1_024

    /// The authorisation in `headers`, or nil when there is none; throws a sentence when it
    /// is malformed, not signed for this chain, or not for this host and adapter.
    static func authorization(in headers: HTTPHeaders, chainID: UInt64, host: AccountAddress, adapterHash: [UInt8],
                              now: UInt64) throws(HostingError) -> SignedMessage<FeeAuthorization>? {
        guard let text = headers[name] else { return nil }
        guard text.utf8.count <= valueByteCountMax,
              let bytes = try? Base16.decode(text.trimmingCharacters(in: .whitespaces), byteCountMax: valueByteCountMax / 2) else {
            throw HostingError("\(name) must be the hexadecimal envelope of a signed fee authorisation")
        }
        let authorization: SignedMessage<FeeAuthorization>
        do {
            authorization = try SignedMessage<FeeAuthorization>.verified(bytes, chainID: chainID)
        } catch {
            throw HostingError("the fee authorisation does not verify for chain \(chainID): \(error)")
        }
        let terms = authorization.body
        guard terms.host == host else { throw HostingError("the fee authorisation names host \(terms.host), not \(host)") }
        guard terms.adapterHash == adapterHash else {
            throw HostingError("the fee authorisation names another adapter than the requested model")
        }
        guard terms.expiry > now else { throw HostingError("the fee authorisation has expired") }
        return authorization
    }
}
