import HTTP

/// The check of `Authorization: Bearer <token>` on write and admin routes. The comparison
/// takes the same time wherever the tokens differ, so response times do not reveal how much
/// of a guess was right (only the token's length could be learnt).
public struct BearerAuthorization: Sendable {
    private let token: [UInt8]

    /// A check against `token` (non-empty).
    public init(token: String) {
        precondition(!token.isEmpty, "an empty bearer token would admit anyone")
        self.token = Array(token.utf8)
    }

    /// Whether `headers` carry the token (scheme name case-insensitive, RFC 6750 §2.1).
    public func isAuthorized(_ headers: HTTPHeaders) -> Bool {
        guard let value = headers["Authorization"] else { return false }
        let bytes = Array(value.utf8)
        guard bytes.count > 7, String(decoding: bytes[0..<7], as: UTF8.self).lowercased() == "bearer " else { return false }
        return Self.constantTimeEqual(Array(bytes[7...]), token)
    }

    /// Whether `left` and `right` are equal, in time that depends only on their lengths.
    static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: left.count ^ right.count)
        difference |= left.count == right.count ? 0 : 1
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= a ^ b
        }
        return difference == 0
    }
}
