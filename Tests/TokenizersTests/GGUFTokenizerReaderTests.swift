import ModelFiles
import Testing
@testable import Tokenizers

/// Loading tokenizers from GGUF metadata: the fields llama.cpp reads, and refusals.
@Suite struct GGUFTokenizerReaderTests {
    static func load(_ builder: GGUFMetadataBuilder) throws -> Tokenizer {
        try Tokenizer(gguf: GGUFFile(bytes: builder.bytes).header)
    }

    static func error(_ builder: GGUFMetadataBuilder) -> TokenizerError? {
        do {
            _ = try load(builder)
            return nil
        } catch let error as TokenizerError {
            return error
        } catch {
            return nil
        }
    }

    @Test func aSmallByteLevelTokenizerEncodesAndDecodes() throws {
        let tokenizer = try Self.load(.byteLevel())
        #expect(tokenizer.encode("hello hello<|end|>") == [259, 32, 259, 260])
        #expect(tokenizer.decode([259, 32, 259, 260]) == "hello hello<|end|>")
        #expect(tokenizer.decode([259, 32, 259, 260], skippingSpecialTokens: true) == "hello hello")
        #expect(tokenizer.specialTokens.endOfSequence == 260)
        #expect(tokenizer.prefixIDs.isEmpty)
    }

    @Test func addBOSTokenAddsTheBOS() throws {
        var builder = GGUFMetadataBuilder.byteLevel()
        builder.set("tokenizer.ggml.bos_token_id", .uint32(260))
        builder.set("tokenizer.ggml.add_bos_token", .bool(true))
        #expect(try Self.load(builder).encode("he") == [260, 256])
        builder.remove("tokenizer.ggml.bos_token_id")
        #expect(Self.error(builder)?.kind == .missingField)
    }

    @Test func theChatTemplateIsRead() throws {
        var builder = GGUFMetadataBuilder.byteLevel()
        builder.set("tokenizer.chat_template", .string("{% for m in messages %}<|im_start|>{{ m.role }}{% endfor %}"))
        #expect(try Self.load(builder).chatTemplate?.style == .chatML)
    }

    @Test(arguments: ["gpt-2", "llama-bpe", "smollm", "starcoder", "refact"])
    func knownPreTokenizersLoad(name: String) throws {
        var builder = GGUFMetadataBuilder.byteLevel()
        builder.set("tokenizer.ggml.pre", .string(name))
        #expect(try Self.load(builder).encode("hello") == [259])
    }

    @Test func refusals() {
        func refusal(_ change: (inout GGUFMetadataBuilder) -> Void) -> TokenizerError.Kind? {
            var builder = GGUFMetadataBuilder.byteLevel()
            change(&builder)
            return Self.error(builder)?.kind
        }
        #expect(refusal { $0.remove("tokenizer.ggml.model") } == .missingField)
        #expect(refusal { $0.set("tokenizer.ggml.model", .string("bert")) } == .unsupportedComponent)
        #expect(refusal { $0.set("tokenizer.ggml.model", .uint32(1)) } == .invalidField)
        #expect(refusal { $0.remove("tokenizer.ggml.pre") } == .missingField)
        #expect(refusal { $0.set("tokenizer.ggml.pre", .string("default")) } == .unsupportedComponent)
        #expect(refusal { $0.remove("tokenizer.ggml.tokens") } == .missingField)
        #expect(refusal { $0.set("tokenizer.ggml.tokens", .int32s([1])) } == .invalidField)
        #expect(refusal { $0.set("tokenizer.ggml.token_type", .int32s([1])) } == .invalidField)
        #expect(refusal { $0.remove("tokenizer.ggml.merges") } == .missingField)
        #expect(refusal { $0.set("tokenizer.ggml.merges", .strings(["x y"])) } == .invalidVocabulary)
        #expect(refusal { $0.set("tokenizer.ggml.merges", .strings(["he"])) } == .invalidField)
        #expect(refusal { $0.set("tokenizer.ggml.eos_token_id", .uint32(261)) } == .invalidField)
        #expect(refusal { $0.set("tokenizer.ggml.eos_token_id", .int32(-1)) } == .invalidField)
        #expect(refusal { $0.set("tokenizer.ggml.add_bos_token", .uint32(1)) } == .invalidField)
    }

    @Test func limitsAreEnforced() throws {
        let header = try GGUFFile(bytes: GGUFMetadataBuilder.byteLevel().bytes).header
        var limits = TokenizerLimits.standard
        limits.vocabularyCountMax = 100
        #expect(throws: TokenizerError.self) { try Tokenizer(gguf: header, limits: limits) }
        limits = .standard
        limits.mergeCountMax = 3
        #expect(throws: TokenizerError.self) { try Tokenizer(gguf: header, limits: limits) }
        limits = .standard
        limits.tokenByteCountMax = 4
        #expect(throws: TokenizerError.self) { try Tokenizer(gguf: header, limits: limits) }
    }

    @Test func controlAndUnknownTypesAreSpecialUserDefinedIsNot() {
        #expect(GGUFTokenizerReader.addedToken(id: 1, content: "<s>", type: 3)?.isSpecial == true)
        #expect(GGUFTokenizerReader.addedToken(id: 0, content: "<unk>", type: 2)?.isSpecial == true)
        #expect(GGUFTokenizerReader.addedToken(id: 5, content: "<tool>", type: 4)?.isSpecial == false)
        for type in [1, 5, 6] { #expect(GGUFTokenizerReader.addedToken(id: 7, content: "x", type: type) == nil) }
    }
}
