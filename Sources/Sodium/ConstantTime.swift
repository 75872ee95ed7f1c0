import CSodium

/// Comparisons whose running time does not depend on the bytes compared.
public enum ConstantTime {
    /// Whether `first` and `second` hold the same bytes, compared in constant time.
    ///
    /// Collections of different lengths are unequal at once: the length is not treated as secret.
    public static func isEqual(_ first: some Collection<UInt8>, _ second: some Collection<UInt8>) -> Bool {
        Sodium.initialize()
        guard first.count == second.count else { return false }
        guard !first.isEmpty else { return true }
        return first.withContiguousBytes { firstBytes in
            second.withContiguousBytes { secondBytes in
                sodium_memcmp(firstBytes.baseAddress!, secondBytes.baseAddress!, firstBytes.count) == 0
            }
        }
    }
}
