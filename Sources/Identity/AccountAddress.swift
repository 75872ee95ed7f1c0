import Sodium
import Wire

/// The ledger address of an account: the first 20 bytes of BLAKE2b-256 over the domain tag
/// `oln-account` and the account's Ed25519 public key.
///
/// Text form: `0x` and 40 hex digits whose letters are upper-cased where the matching
/// nibble of BLAKE2b-256(lower-case hex digits) is 8 or more, the EIP-55 scheme with the
/// project's hash. All-lower and all-upper text carry no checksum and are accepted too.
public struct AccountAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    public static let byteCount = 20
    static let domainTag = Array("oln-account".utf8)

    /// The 20 address bytes.
    public let bytes: [UInt8]

    /// The address of an Ed25519 public key.
    public init(publicKey: Ed25519PublicKey) {
        let digest = BLAKE2b256.hash(Self.domainTag + publicKey.bytes)
        bytes = Array(digest.prefix(Self.byteCount))
    }

    /// An address from its 20 bytes.
    public init(bytes: [UInt8]) throws(IdentityError) {
        guard bytes.count == Self.byteCount else {
            throw .invalidAddress("\(bytes.count) bytes where \(Self.byteCount) are required")
        }
        self.bytes = bytes
    }

    /// An address from its text form; rejects a mixed-case text whose checksum is wrong.
    public init(_ text: String) throws(IdentityError) {
        guard text.hasPrefix("0x"), text.utf8.count == 2 + 2 * Self.byteCount else {
            throw .invalidAddress("expected 0x and \(2 * Self.byteCount) hex digits, got \"\(text.prefix(64))\"")
        }
        let digits = text.dropFirst(2)
        guard let decoded = try? Base16.decode(String(digits), byteCountMax: Self.byteCount) else {
            throw .invalidAddress("\"\(text)\" has a character that is not a hex digit")
        }
        try self.init(bytes: decoded)
        let hasLower = digits.contains { $0.isLowercase }
        let hasUpper = digits.contains { $0.isUppercase }
        if hasLower && hasUpper && description != text {
            throw .checksumMismatch(text)
        }
    }

    /// The checksummed text form.
    public var description: String {
        let lower = Base16.encode(bytes)
        let checksum = BLAKE2b256.hash(Array(lower.utf8))
        var text = "0x"
        for (position, character) in lower.enumerated() {
            let byte = checksum[position / 2]
            let nibble = position % 2 == 0 ? byte >> 4 : byte & 0x0f
            text += nibble >= 8 ? character.uppercased() : String(character)
        }
        return text
    }

    public static func < (left: AccountAddress, right: AccountAddress) -> Bool {
        left.bytes.lexicographicallyPrecedes(right.bytes)
    }
}
