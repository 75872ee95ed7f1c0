import Wire

/// The multistream-select message codec: `varint(n) ‖ UTF-8 text[n − 1] ‖ '\n'`, where the
/// length `n` counts the newline.
public enum MultistreamMessage {
    /// The most bytes a message's length prefix may announce (text plus newline), as in
    /// go-multistream and js-libp2p, so protocol ids are at most 1023 bytes.
    public static let lengthMax = 1024
    /// The longest text a message of ``lengthMax`` bytes can carry.
    public static let textByteCountMax = lengthMax - 1
    /// The header both sides send first.
    public static let header = "/multistream/1.0.0"
    /// The listener's answer to a proposal it does not support ("not available").
    public static let notAvailable = "na"
    /// The request for the listener's protocol list.
    public static let list = "ls"

    private static let newline: UInt8 = 0x0a

    /// The framed bytes of `text`.
    ///
    /// - Precondition: `text` is at most ``textByteCountMax`` UTF-8 bytes.
    public static func encode(_ text: String) -> [UInt8] {
        let utf8 = Array(text.utf8)
        precondition(utf8.count <= textByteCountMax, "multistream message text longer than \(textByteCountMax) bytes")
        var bytes = Varint.encode(UInt64(utf8.count + 1))
        bytes.append(contentsOf: utf8)
        bytes.append(newline)
        return bytes
    }

    /// Decodes the message at the start of `bytes`, if all of it has arrived.
    ///
    /// A length prefix is rejected as soon as it is known to exceed `lengthMax`, even before
    /// the rest of the message arrives; so is one that takes more bytes than `lengthMax` needs.
    ///
    /// - Parameters:
    ///   - bytes: received bytes; those after the first message are left alone.
    ///   - lengthMax: the most bytes the length prefix may announce (at least 1).
    /// - Returns: the text without its newline and the message's byte count, prefix
    ///   included; `nil` if the message is not complete yet.
    /// - Throws: ``MultistreamError/messageTooLong(limit:)``,
    ///   ``MultistreamError/malformedLength(_:)``, ``MultistreamError/missingNewline``
    ///   or ``MultistreamError/invalidUTF8``.
    public static func decode(
        _ bytes: ArraySlice<UInt8>,
        lengthMax: Int = MultistreamMessage.lengthMax
    ) throws(MultistreamError) -> (text: String, byteCount: Int)? {
        precondition(lengthMax >= 1, "a multistream message length limit must be at least 1")
        guard let (length, prefixByteCount) = try decodeLength(bytes, lengthMax: lengthMax) else { return nil }
        guard length > 0 else { throw .missingNewline }
        let (byteCount, overflow) = prefixByteCount.addingReportingOverflow(length)
        guard !overflow, byteCount <= bytes.count else { return nil }
        let textStart = bytes.startIndex + prefixByteCount
        let textEnd = bytes.startIndex + byteCount - 1
        guard bytes[textEnd] == newline else { throw .missingNewline }
        guard let text = String(validating: bytes[textStart..<textEnd], as: UTF8.self) else { throw .invalidUTF8 }
        return (text, byteCount)
    }

    /// Whether `text` may be proposed or accepted as a protocol id: 1 to ``textByteCountMax``
    /// bytes, no newline, and none of the messages that multistream-select itself uses.
    public static func isValidProtocolID(_ text: String) -> Bool {
        let byteCount = text.utf8.count
        return byteCount >= 1 && byteCount <= textByteCountMax && !text.utf8.contains(newline)
            && text != header && text != notAvailable && text != list
    }

    /// Decodes a length prefix of at most as many bytes as `lengthMax` needs.
    private static func decodeLength(
        _ bytes: ArraySlice<UInt8>,
        lengthMax: Int
    ) throws(MultistreamError) -> (length: Int, prefixByteCount: Int)? {
        let prefixByteCountMax = Varint.encodedByteCount(of: UInt64(lengthMax))
        let value: UInt64
        let prefixByteCount: Int
        do {
            (value, prefixByteCount) = try Varint.decode(bytes, byteCountMax: prefixByteCountMax)
        } catch .truncated {
            return nil
        } catch .varintOverflow {
            throw .messageTooLong(limit: lengthMax)
        } catch {
            throw .malformedLength(error)
        }
        guard value <= UInt64(lengthMax) else { throw .messageTooLong(limit: lengthMax) }
        return (Int(value), prefixByteCount)
    }
}
