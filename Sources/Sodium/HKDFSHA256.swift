/// HKDF with SHA-256 (RFC 5869): derives keys from input key material, built on `HMACSHA256`.
public enum HKDFSHA256 {
    /// The most output `expand` can produce: 255 blocks of 32 bytes.
    public static let maximumOutputByteCount = 255 * HMACSHA256.byteCount

    /// The extract step: condenses `inputKeyMaterial` into a 32-byte pseudorandom key.
    ///
    /// An empty salt acts as 32 zero bytes, as RFC 5869 specifies.
    public static func extract(salt: some Collection<UInt8>, inputKeyMaterial: some Collection<UInt8>) -> [UInt8] {
        HMACSHA256.authenticationCode(for: inputKeyMaterial, key: salt)
    }

    /// The expand step: stretches `pseudoRandomKey` into `outputByteCount` bytes bound to `info`.
    ///
    /// - Throws: `CryptoError.outputTooLong` when more than 8160 bytes are requested.
    public static func expand(
        pseudoRandomKey: some Collection<UInt8>,
        info: some Collection<UInt8>,
        outputByteCount: Int
    ) throws(CryptoError) -> [UInt8] {
        precondition(outputByteCount >= 0, "HKDF needs an output length of zero or more")
        guard outputByteCount <= maximumOutputByteCount else {
            throw .outputTooLong(requested: outputByteCount, maximum: maximumOutputByteCount)
        }
        let key = Array(pseudoRandomKey)
        let infoBytes = Array(info)
        var output = [UInt8]()
        output.reserveCapacity(outputByteCount)
        var block = [UInt8]()
        var counter: UInt8 = 1
        while output.count < outputByteCount {
            block = HMACSHA256.authenticationCode(for: block + infoBytes + [counter], key: key)
            output.append(contentsOf: block.prefix(outputByteCount - output.count))
            counter &+= 1
        }
        return output
    }

    /// Extract followed by expand: derives `outputByteCount` bytes from `inputKeyMaterial`.
    public static func deriveKey(
        inputKeyMaterial: some Collection<UInt8>,
        salt: some Collection<UInt8>,
        info: some Collection<UInt8>,
        outputByteCount: Int
    ) throws(CryptoError) -> [UInt8] {
        let pseudoRandomKey = extract(salt: salt, inputKeyMaterial: inputKeyMaterial)
        return try expand(pseudoRandomKey: pseudoRandomKey, info: info, outputByteCount: outputByteCount)
    }
}
