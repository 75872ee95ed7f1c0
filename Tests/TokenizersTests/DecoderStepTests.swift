import Testing
@testable import Tokenizers

/// Decoder steps on hand-made token lists (semantics of `tokenizers`' decoders).
@Suite struct DecoderStepTests {
    @Test func byteFallbackJoinsValidRunsAndReplacesInvalidOnesPerByte() {
        #expect(DecoderStep.byteFallback.apply(to: ["a", "<0xC3>", "<0xA9>", "b"]) == ["a", "é", "b"])
        #expect(DecoderStep.byteFallback.apply(to: ["<0xE4>", "<0xB8>", "<0x41>"]) == ["\u{FFFD}", "\u{FFFD}", "\u{FFFD}"])
        #expect(DecoderStep.byteFallback.apply(to: ["<0x4G>", "<0x411>"]) == ["<0x4G>", "<0x411>"])
    }

    @Test func fallbackBytesAreTwoHexDigits() {
        #expect(DecoderStep.fallbackByte("<0x0a>") == 0x0A)
        #expect(DecoderStep.fallbackByte("<0xFF>") == 0xFF)
        #expect(DecoderStep.fallbackByte("<0xF>") == nil)
        #expect(DecoderStep.fallbackByte("<1xFF>") == nil)
        #expect(DecoderStep.fallbackByte("<0xFF)") == nil)
    }

    @Test func byteLevelKeepsTokensOutsideTheAlphabetAsTheyAre() {
        #expect(DecoderStep.byteLevel.apply(to: ["Hello", "Ġworld", "<|im_end|>", "Ċ"]) == ["Hello world<|im_end|>\n"])
        #expect(DecoderStep.byteLevel.apply(to: ["a b"]) == ["a b"])
        #expect(DecoderStep.byteLevel.apply(to: ["ð"]) == ["\u{FFFD}"])
    }

    @Test func stripReplaceFuseAndMetaspace() {
        #expect(DecoderStep.strip(content: " ", start: 1, stop: 1).apply(to: ["  a  ", "b"]) == [" a ", "b"])
        #expect(DecoderStep.replace(pattern: "▁", content: " ").apply(to: ["▁a▁b"]) == [" a b"])
        #expect(DecoderStep.fuse.apply(to: ["a", "b", "c"]) == ["abc"])
        let metaspace = DecoderStep.metaspace(replacement: "▁", prependScheme: .always)
        #expect(metaspace.apply(to: ["▁Hey", "▁friend"]) == ["Hey", " friend"])
        #expect(DecoderStep.metaspace(replacement: "▁", prependScheme: .never).apply(to: ["▁a"]) == [" a"])
    }
}
