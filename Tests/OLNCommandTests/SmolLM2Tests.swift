import Foundation
import OpenLoRA
import Testing
import Tokenizers
@testable import OLNCommand

/// The real default base model, SmolLM2-135M-Instruct Q4_1, which `Scripts/setup` fetches into
/// the model cache. Skipped (with the reason) when the file is absent.
///
/// Debug builds run the SIMD kernels about fifty times slower than release builds (a Q4_1
/// decoding step of this model takes seconds), so there the model is decoded with its
/// matrices expanded to F32 (the stored values exactly, products on OpenBLAS); release builds
/// also decode the Q4_1 weights as stored. The Q4_1 kernels themselves are checked against
/// the reference on the fixture models in OpenLoRATests.
@Suite("SmolLM2-135M-Instruct from the model cache")
struct SmolLM2Tests {
    static let path = ModelCache(environment: ProcessInfo.processInfo.environment).defaultModelPath
    static let isPresent = FileManager.default.fileExists(atPath: path)
    static let skipReason: Comment = "the model file is absent: run Scripts/setup to fetch it"
    static let question = "What is the capital of France?"
    static let chatPrompt = "<|im_start|>user\nWhat is the capital of France?<|im_end|>\n<|im_start|>assistant\n"

    // The references below are llama.cpp's (PyPI llama-cpp-python 0.3.36 on this GGUF:
    // `tokenize(text, add_bos=False, special=…)` and greedy `generate(…, top_k=1)`); the
    // script is in docs/openlora.md.
    /// The chat prompt's ids.
    static let promptIDs = [1, 4093, 198, 1780, 314, 260, 3575, 282, 4649, 47, 2, 198, 1, 520, 9531, 198]
    /// "The capital of France is Paris." — greedy decoding stops after it at <|im_end|>.
    static let answerIDs = [504, 3575, 282, 4649, 314, 7042, 30]
    /// Text, its ids with special tokens recognised, and its ids as plain text when they differ.
    static let tokenizations: [(String, [Int], [Int]?)] = [
        ("Hello world", [19556, 905], nil),
        ("  leading spaces and   runs\t\ttabs\n\nnewlines",
         [216, 2899, 5600, 284, 256, 7313, 197, 197, 100, 7366, 198, 198, 2241, 5110], nil),
        ("1234567890 3.14159 -42",
         [33, 34, 35, 36, 37, 38, 39, 40, 41, 32, 216, 35, 30, 33, 36, 33, 37, 41, 731, 36, 34], nil),
        ("na\u{EF}ve caf\u{E9} \u{DC}n\u{EF}c\u{F6}d\u{E9} \u{65E5}\u{672C}\u{8A9E} "
            + "\u{627}\u{644}\u{639}\u{631}\u{628}\u{64A}\u{629}",
         [3546, 46494, 37366, 5549, 246, 94, 25972, 83, 7466, 84, 2756, 17097, 241, 115, 40993, 179, 120, 248,
          27819, 34966, 20602, 31462, 23339, 43463], nil),
        ("emoji \u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467} \u{1F680}\u{1F525}",
         [391, 33777, 15107, 235, 119, 321, 231, 10813, 235, 119, 321, 231, 10813, 235, 117, 15107, 244, 218, 10813,
          238, 115], nil),
        ("def f(x):\n    return x**2  # comment",
         [1604, 275, 24, 104, 727, 472, 1003, 1792, 828, 34, 216, 907, 5189], nil),
        ("<|im_start|>system\nBe brief.<|im_end|>", [1, 9690, 198, 6077, 5453, 30, 2],
         [44, 108, 306, 79, 3738, 108, 46, 9690, 198, 6077, 5453, 15602, 108, 306, 79, 486, 108, 46]),
        ("don't I'll we've THEY'RE", [12420, 982, 339, 3060, 392, 3543, 6462, 73, 23, 3256], nil),
        ("   ", [333], nil),
        ("a\u{A0}b\u{2003}c", [81, 15442, 82, 321, 221, 83], nil),
    ]

    #if DEBUG
    static let weightForms = [true]
    #else
    static let weightForms = [true, false]
    #endif

    @Test("greedy decoding of the ChatML question, no system message, answers Paris",
          .enabled(if: isPresent, skipReason), arguments: weightForms)
    func answersParis(expandsWeights: Bool) throws {
        let loaded = try LoadedModel(path: Self.path, tokenizerPath: nil, threadCount: 2,
                                     expandsWeights: expandsWeights)
        let prompt = loaded.tokenizer.encode(Self.chatPrompt)
        #expect(prompt == Self.promptIDs)
        #expect(try loaded.tokenizer.encodeChat([.user(Self.question)], system: .none) == prompt)
        let state = loaded.model.makeState(contextCapacity: prompt.count + 12)
        let result = try loaded.model.generate(prompt: prompt, options: GenerationOptions(maximumTokenCount: 12),
                                               state: state)
        let text = loaded.tokenizer.decode(result.tokens)
        #expect(text.contains("Paris"), "\(text)")
        #expect(result.tokens == Self.answerIDs)
        #expect(result.stopReason == .stopToken(2))
    }

    @Test("the GGUF's tokenizer gives llama.cpp's ids on the real vocabulary", .enabled(if: isPresent, skipReason))
    func tokenizerMatchesLlamaCpp() throws {
        let tokenizer = try Tokenizer(gguf: LoadedModel.openGGUF(Self.path).header)
        for (text, special, plain) in Self.tokenizations {
            #expect(tokenizer.encode(text) == special, "\(text.debugDescription)")
            #expect(tokenizer.encode(text, parsingSpecialTokens: false) == (plain ?? special),
                    "\(text.debugDescription)")
            #expect(tokenizer.decode(special) == text)
        }
    }

    @Test("oln model run --chat answers Paris on standard output, timings on standard error",
          .enabled(if: isPresent, skipReason))
    func commandAnswersParis() {
        let run = CapturedRun(["model", "run", Self.path, "--chat", Self.question, "--max-tokens", "8", "--f32"])
        #expect(run.code == .success, "\(run.error)")
        #expect(run.output.contains("Paris"), "\(run.output)")
        #expect(run.error.contains("tokens/s"))
        #expect(!run.output.contains("tokens/s"))
    }

    @Test("oln model info names the architecture, sizes, tokenizer and ChatML template",
          .enabled(if: isPresent, skipReason))
    func info() throws {
        let run = CapturedRun(["model", "info", Self.path, "--json"])
        #expect(run.code == .success, "\(run.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["architecture"] as? String == "llama")
        #expect(object["runnable"] as? Bool == true)
        #expect(object["tensor_types"] as? [String: Int] == ["Q4_1": 210, "F32": 61, "Q8_0": 1])
        let configuration = try #require(object["configuration"] as? [String: Any])
        #expect(configuration["block_count"] as? Int == 30)
        #expect(configuration["embedding_length"] as? Int == 576)
        #expect(configuration["feed_forward_length"] as? Int == 1536)
        #expect(configuration["head_count"] as? Int == 9)
        #expect(configuration["key_value_head_count"] as? Int == 3)
        #expect(configuration["vocabulary_size"] as? Int == 49152)
        #expect(configuration["context_length"] as? Int == 8192)
        #expect(configuration["tied_embeddings"] as? Bool == true)
        let chat = try #require(object["chat_template"] as? [String: Any])
        #expect(chat["style"] as? String == "ChatML")
        let tokenizer = try #require(object["tokenizer"] as? [String: Any])
        #expect(tokenizer["vocabulary_size"] as? Int == 49152)
        #expect(tokenizer["eos"] as? String == "<|im_end|>")
    }
}
