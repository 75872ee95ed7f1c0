import Testing
@testable import Tokenizers

/// Loading tokenizer.json and tokenizer_config.json: what is read, and what is refused.
@Suite struct TokenizerJSONReaderTests {
    /// A minimal byte-level BPE tokenizer.json whose parts the tests replace.
    static func document(model: String? = nil, added: String = "[]", normalizer: String = "null",
                         preTokenizer: String = #"{"type": "ByteLevel", "add_prefix_space": false}"#,
                         decoder: String = #"{"type": "ByteLevel"}"#, postProcessor: String = "null") -> [UInt8] {
        let defaultModel = #"{"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2, "Ġ": 3}, "merges": ["a b"]}"#
        return Array("""
        {"version": "1.0", "added_tokens": \(added), "normalizer": \(normalizer), "pre_tokenizer": \(preTokenizer),
         "post_processor": \(postProcessor), "decoder": \(decoder), "model": \(model ?? defaultModel)}
        """.utf8)
    }

    static func kind(_ bytes: [UInt8], configuration: [UInt8]? = nil,
                     limits: TokenizerLimits = .standard) -> TokenizerError.Kind? {
        do {
            _ = try Tokenizer(tokenizerJSON: bytes, configurationJSON: configuration, limits: limits)
            return nil
        } catch {
            return error.kind
        }
    }

    @Test func aMinimalTokenizerLoads() throws {
        let tokenizer = try Tokenizer(tokenizerJSON: Self.document())
        #expect(tokenizer.encode("ab a") == [2, 3, 0])
        #expect(tokenizer.decode([2, 3, 0]) == "ab a")
    }

    @Test func mergesMayBeWrittenAsPairs() throws {
        let model = #"{"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": [["a", "b"]]}"#
        #expect(try Tokenizer(tokenizerJSON: Self.document(model: model)).encode("ab") == [2])
    }

    @Test func addedTokensAndTheTemplateProcessorAreRead() throws {
        let added = #"[{"id": 4, "content": "<s>", "special": true}, {"id": 5, "content": "<x>", "special": false}]"#
        let post = #"{"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, "#
            + #"{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "<s>", "type_id": 0}}], "#
            + #""special_tokens": {"<s>": {"id": "<s>", "ids": [4], "tokens": ["<s>"]}}}"#
        let tokenizer = try Tokenizer(tokenizerJSON: Self.document(added: added, postProcessor: post))
        #expect(tokenizer.prefixIDs == [4])
        #expect(tokenizer.suffixIDs == [4])
        #expect(tokenizer.encode("a<x>b") == [4, 0, 5, 1, 4])
        #expect(tokenizer.isSpecial(4) && !tokenizer.isSpecial(5))
        #expect(tokenizer.specialTokens.beginningOfSequence == 4)
    }

    @Test func theConfigurationNamesTokensAndTheTemplate() throws {
        let added = #"[{"id": 4, "content": "<|im_end|>", "special": true}]"#
        let configuration = Array(#"""
        {"eos_token": {"content": "<|im_end|>"}, "pad_token": "a", "bos_token": null,
         "chat_template": [{"name": "tool_use", "template": "x"}, {"name": "default", "template": "<|im_start|>"}]}
        """#.utf8)
        let tokenizer = try Tokenizer(tokenizerJSON: Self.document(added: added), configurationJSON: configuration)
        #expect(tokenizer.specialTokens == SpecialTokenIDs(endOfSequence: 4, padding: 0))
        #expect(tokenizer.chatTemplateText == "<|im_start|>")
        let unknownEOS = Array(#"{"eos_token": "</s>"}"#.utf8)
        #expect(Self.kind(Self.document(), configuration: unknownEOS) == .invalidVocabulary)
    }

    @Test func malformedFilesAreRefused() {
        #expect(Self.kind(Array("{".utf8)) == .invalidFile)
        #expect(Self.kind(Array("[]".utf8)) == .invalidField)
        #expect(Self.kind(Array("{}".utf8)) == .missingField)
        #expect(Self.kind([0xFF, 0xFE]) == .invalidFile)
        #expect(Self.kind(Self.document(model: #"{"type": "BPE", "vocab": {"a": "0"}, "merges": []}"#)) == .invalidField)
        #expect(Self.kind(Self.document(model: #"{"type": "BPE", "vocab": {"a": 1}, "merges": []}"#)) == .invalidVocabulary)
        #expect(Self.kind(Self.document(model: #"{"type": "BPE", "vocab": {"a": 0, "b": 0}, "merges": []}"#)) == .invalidVocabulary)
        #expect(Self.kind(Self.document(model: #"{"type": "BPE", "vocab": {"a": 0}, "merges": ["a c"]}"#)) == .invalidVocabulary)
        #expect(Self.kind(Self.document(model: #"{"type": "BPE", "vocab": {"a": 0}, "merges": ["a"]}"#)) == .invalidField)
        #expect(Self.kind(Self.document(model: #"{"type": "BPE", "vocab": {"a": 0}, "merges": [["a"]]}"#)) == .invalidField)
        #expect(Self.kind(Self.document(model: #"{"type": "BPE", "vocab": {"a": 0}}"#)) == .missingField)
        #expect(Self.kind(Self.document(model: #"{"type": "BPE", "vocab": {"a": 0}, "merges": [], "unk_token": "?"}"#))
                == .invalidVocabulary)
        #expect(Self.kind(Self.document(added: #"[{"id": 0, "content": "z"}]"#)) == .invalidVocabulary)
        #expect(Self.kind(Self.document(added: #"[{"content": "z"}]"#)) == .invalidField)
        #expect(Self.kind(Self.document(postProcessor: #"{"type": "TemplateProcessing", "single": [], "#
                                        + #""special_tokens": {"x": {"ids": [99]}}}"#)) == nil)
    }

    @Test func unsupportedComponentsAreNamed() throws {
        let cases: [[UInt8]] = [
            Self.document(model: #"{"type": "WordPiece", "vocab": {}}"#),
            Self.document(model: #"{"type": "BPE", "vocab": {"a": 0}, "merges": [], "dropout": 0.1}"#),
            Self.document(model: #"{"type": "BPE", "vocab": {"a": 0}, "merges": [], "continuing_subword_prefix": "@@"}"#),
            Self.document(normalizer: #"{"type": "NFKC"}"#),
            Self.document(normalizer: #"{"type": "Replace", "pattern": {"Regex": " +"}, "content": " "}"#),
            Self.document(preTokenizer: #"{"type": "Whitespace"}"#),
            Self.document(preTokenizer: #"{"type": "Split", "pattern": {"Regex": "\\d+"}, "behavior": "Isolated"}"#),
            Self.document(preTokenizer: #"{"type": "Split", "pattern": {"Regex": "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+"}, "behavior": "Removed"}"#),
            Self.document(decoder: #"{"type": "WordPiece"}"#),
            Self.document(postProcessor: #"{"type": "BertProcessing"}"#),
        ]
        for bytes in cases {
            #expect(Self.kind(bytes) == .unsupportedComponent, "\(String(decoding: bytes, as: UTF8.self))")
        }
        let error = try #require(throws: TokenizerError.self) {
            try Tokenizer(tokenizerJSON: Self.document(preTokenizer: #"{"type": "Whitespace"}"#))
        }
        #expect(error.message.contains("Whitespace"))
        #expect(error.description.hasPrefix("unsupportedComponent: "))
    }

    @Test func limitsAreEnforced() {
        func limited(_ change: (inout TokenizerLimits) -> Void) -> TokenizerError.Kind? {
            var limits = TokenizerLimits.standard
            change(&limits)
            let added = #"[{"id": 4, "content": "<s>", "special": true}]"#
            return Self.kind(Self.document(added: added), configuration: Array(#"{"chat_template": "abc"}"#.utf8), limits: limits)
        }
        #expect(limited { _ in } == nil)
        #expect(limited { $0.fileByteCountMax = 100 } == .limitExceeded)
        #expect(limited { $0.vocabularyCountMax = 3 } == .limitExceeded)
        #expect(limited { $0.mergeCountMax = 0 } == .limitExceeded)
        #expect(limited { $0.tokenByteCountMax = 1 } == .limitExceeded)
        #expect(limited { $0.addedTokenCountMax = 0 } == .limitExceeded)
        #expect(limited { $0.chatTemplateByteCountMax = 2 } == .limitExceeded)
    }

    @Test func filesAreReadFromPaths() throws {
        let path = TokenizerFixtures.path("smollm2.tokenizer.json")
        let tokenizer = try Tokenizer(tokenizerJSONAt: path, configurationAt: TokenizerFixtures.path("smollm2.tokenizer_config.json"))
        #expect(tokenizer.chatTemplate?.style == .chatML)
        let missing = try #require(throws: TokenizerError.self) { try Tokenizer(tokenizerJSONAt: "/nonexistent/tokenizer.json") }
        #expect(missing.kind == .fileSystem)
    }
}
