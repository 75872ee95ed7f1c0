import Curation
import Testing

@Suite struct PayloadFingerprintTests {
    /// FNV-1a 32 reference values (the FNV authors' test suite; checked with Python).
    @Test func wordsHashWithFNV1a() {
        #expect(PayloadFingerprint.wordTokens(of: Array("a".utf8)) == [0xE40C_292C])
        #expect(PayloadFingerprint.wordTokens(of: Array("foobar".utf8)) == [0xBF9C_F968])
    }

    @Test func wordsSplitOnASCIIWhitespaceAndFoldCase() {
        let tokens = PayloadFingerprint.wordTokens(of: Array("  a\tFOOBAR\r\n\u{0B}\u{0C}a ".utf8))
        #expect(tokens == [0xE40C_292C, 0xBF9C_F968, 0xE40C_292C])
        #expect(PayloadFingerprint.wordTokens(of: Array(" \n\t ".utf8)).isEmpty)
        #expect(PayloadFingerprint.wordTokens(of: []).isEmpty)
    }

    @Test func fingerprintIgnoresCaseAndSpacing() throws {
        let policy = CurationPolicy()
        let first = try #require(policy.fingerprint(of: Array("The quick brown fox jumps over the lazy dog".utf8)))
        let second = try #require(policy.fingerprint(of: Array("the  QUICK brown\nfox jumps over the lazy   dog\n".utf8)))
        #expect(first.signature == second.signature)
        #expect(first.contentHash != second.contentHash)
        #expect(first.signature.count == CurationParameters.nearDuplicateDefault.signatureCount)
    }

    @Test func fingerprintIsNilForNonTextAndEmptyText() {
        let policy = CurationPolicy()
        #expect(policy.fingerprint(of: [0xC3, 0x28, 0x41, 0x42]) == nil)
        #expect(policy.fingerprint(of: Array("   \n  ".utf8)) == nil)
    }
}
