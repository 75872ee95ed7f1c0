import Foundation
import Identity
import InferenceAPI
import Ledger
import Wire

/// `POST /v1/oln/transactions`: the body `{"envelope_hex": "…"}` read into a transaction
/// verified for this chain. Everything wrong with it is a 400 that says what.
enum LedgerRoutesTransaction {
    /// The largest body taken: the hexadecimal of the largest envelope and room for the key
    /// and whitespace.
    static let bodyByteCountMax = 2 * SignedTransaction.envelopeByteCountMax + 1_024

    /// The signed transaction in `body`, verified for `chainID`.
    static func decode(body: [UInt8], chainID: UInt64) throws(APIError) -> SignedTransaction {
        guard body.count <= bodyByteCountMax else {
            throw APIError.invalidRequest("The body is over \(bodyByteCountMax) bytes.")
        }
        let parsed = try? JSONSerialization.jsonObject(with: Data(body), options: [])
        guard let object = parsed as? [String: Any] else {
            throw APIError.invalidRequest("The body must be a JSON object {\"envelope_hex\": \"…\"}.")
        }
        guard let text = object["envelope_hex"] as? String else {
            throw APIError.invalidRequest("`envelope_hex` is missing or not a string.", parameter: "envelope_hex")
        }
        let envelope: [UInt8]
        do {
            envelope = try Base16.decode(text, byteCountMax: SignedTransaction.envelopeByteCountMax)
        } catch {
            throw APIError.invalidRequest("`envelope_hex` is not hexadecimal text of at most "
                                          + "\(SignedTransaction.envelopeByteCountMax) bytes: \(error).",
                                          parameter: "envelope_hex")
        }
        do {
            return try SignedTransaction.verified(envelope, chainID: chainID)
        } catch {
            throw APIError.invalidRequest("The envelope is not a transaction signed for chain \(chainID): \(error).",
                                          parameter: "envelope_hex", code: "invalid_transaction")
        }
    }

    /// The answer: the transaction id and whether the node's mempool took it.
    static func answer(_ transaction: SignedTransaction, accepted: Bool) -> APIValue {
        ["object": "oln.transaction", "id": .string(Base16.encode(transaction.id)),
         "sender": .string(transaction.signerAddress.description), "nonce": LedgerRoutesAnswers.integer(transaction.body.nonce),
         "accepted": .bool(accepted)]
    }
}
