import Foundation
import Identity
import InferenceAPI
import Ledger
import Wire

/// The path parameters of the ledger routes, checked at the edge: 400 for text that is
/// not what the route takes, before any query runs.
enum LedgerRoutesParameters {
    /// The length of every ledger identifier (datanets, contributions, receipts, models).
    static let identifierByteCount = 32

    /// A 32-byte identifier written as 64 hexadecimal digits.
    static func identifier(_ parameters: [String: String], _ name: String) throws(APIError) -> [UInt8] {
        let text = parameters[name] ?? ""
        let expected = "`\(name)` must be \(2 * identifierByteCount) hexadecimal digits"
        guard text.utf8.count == 2 * identifierByteCount else {
            throw APIError.invalidRequest("\(expected); got \(text.utf8.count) characters.", parameter: name)
        }
        do {
            return try Base16.decode(text, byteCountMax: identifierByteCount)
        } catch {
            throw APIError.invalidRequest("\(expected): \(error).", parameter: name)
        }
    }

    /// An account address (`0x` and 40 hexadecimal digits, checksummed when mixed case).
    static func address(_ parameters: [String: String], _ name: String) throws(APIError) -> AccountAddress {
        let text = parameters[name] ?? ""
        do {
            return try AccountAddress(text)
        } catch {
            throw APIError.invalidRequest("`\(name)` is not an account address: \(error).", parameter: name)
        }
    }

    /// 404 for an identifier the ledger does not hold.
    static func notFound(_ kind: String, _ identifier: String) -> APIError {
        APIError(status: .notFound, message: "No \(kind) \(identifier) on this chain.", type: "invalid_request_error",
                 code: "\(kind.replacingOccurrences(of: " ", with: "_"))_not_found")
    }

    /// 500 for a ledger query that failed (a damaged or locked database).
    static func ledgerFailure(_ error: any Error) -> APIError {
        APIError.serverError("The ledger query failed: \(error)")
    }
}
