import Identity
import Wire

extension ProtobufField {
    /// An amount: big-endian, 1 to 16 bytes, without a leading zero byte. A written amount
    /// is non-zero, since zero is the default and is left out.
    public func amount() throws(WireError) -> UInt128 {
        let raw = try bytes()
        guard let first = raw.first else {
            throw .nonCanonical("field \(number) holds an empty amount; zero is left out")
        }
        guard raw.count <= LedgerEncoding.amountByteCountMax else {
            throw .limitExceeded("amount in field \(number), in bytes,", limit: LedgerEncoding.amountByteCountMax)
        }
        guard first != 0 else {
            throw .nonCanonical("the amount in field \(number) has a leading zero byte")
        }
        var value: UInt128 = 0
        for byte in raw { value = value << 8 | UInt128(byte) }
        return value
    }

    /// A hash, root or id: exactly 32 bytes.
    public func hash32() throws(WireError) -> [UInt8] {
        let raw = try bytes()
        guard raw.count == LedgerEncoding.hashByteCount else {
            throw .valueOutOfRange("field \(number) holds \(raw.count) bytes where a \(LedgerEncoding.hashByteCount)-byte hash is required")
        }
        return raw
    }

    /// An account address: exactly 20 bytes.
    public func accountAddress() throws(WireError) -> AccountAddress {
        let raw = try bytes()
        do {
            return try AccountAddress(bytes: raw)
        } catch {
            throw .valueOutOfRange("field \(number) holds \(raw.count) bytes where a \(AccountAddress.byteCount)-byte account address is required")
        }
    }

    /// A UTF-8 string of at most `byteCountMax` bytes; `what` names it in the error.
    public func string(byteCountMax: Int, what: String) throws(WireError) -> String {
        let raw = try bytes()
        guard raw.count <= byteCountMax else { throw .limitExceeded("\(what), in bytes,", limit: byteCountMax) }
        guard let text = String(validating: raw, as: UTF8.self) else { throw .invalidUTF8(field: number) }
        return text
    }

    /// Bytes of a signed envelope carried inside another message: written (so not empty)
    /// and at most `byteCountMax` bytes. The envelope itself is verified by its user.
    public func envelope(byteCountMax: Int, what: String) throws(WireError) -> [UInt8] {
        let raw = try bytes()
        guard !raw.isEmpty else { throw .nonCanonical("field \(number) holds an empty \(what)") }
        guard raw.count <= byteCountMax else { throw .limitExceeded("\(what), in bytes,", limit: byteCountMax) }
        return raw
    }
}
