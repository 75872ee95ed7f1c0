/// One document of a Datanet version: its content hash (SHA-256 of the payload, as the
/// Datanet records it) and its payload bytes.
public struct DatanetDocument: Sendable, Equatable {
    /// The 32-byte content hash that names the document on the ledger.
    public let contentHash: [UInt8]
    /// The document's bytes: UTF-8 text, a JSON prompt/response object, or JSON lines of them.
    public let payload: [UInt8]

    /// A document; `contentHash` must be 32 bytes (programmer error otherwise).
    public init(contentHash: [UInt8], payload: [UInt8]) {
        precondition(contentHash.count == 32, "a content hash is 32 bytes")
        self.contentHash = contentHash
        self.payload = payload
    }

    /// The content hash in lowercase hexadecimal, for messages.
    public var contentHashHex: String { Self.hex(contentHash) }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
