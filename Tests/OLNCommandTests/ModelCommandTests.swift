import Foundation
import OpenLoRA
import Testing
import Tokenizers
@testable import OLNCommand

/// `oln model info` and `oln model run` on the tiny fixture models: the command's output must
/// be what the library gives for the same request.
@Suite("oln model")
struct ModelCommandTests {
    /// What `oln model run` should print for `prompt` ids: the library's generation with the
    /// model's and the tokenizer's end-of-sequence ids as stop tokens, decoded without
    /// special tokens.
    static func expectedText(_ folder: String, prompt: [Int], maximum: Int, sampling: SamplingParameters = .greedy,
                             adapter: String? = nil) throws -> String {
        let loaded = try LoadedModel(path: folder, tokenizerPath: nil, threadCount: 2)
        let lora = try adapter.map {
            try LoRAAdapter(directory: ModelFixtures.path("lora/" + $0), base: loaded.model.configuration)
        }
        let options = GenerationOptions(maximumTokenCount: maximum, sampling: sampling,
                                        stopTokenIDs: [2, ByteTokenizerFiles.imEnd])
        let result = try loaded.model.generate(prompt: prompt, options: options, adapter: lora)
        return loaded.tokenizer.decode(result.tokens, skippingSpecialTokens: true)
    }

    static func bytes(_ text: String) -> [Int] { text.utf8.map(Int.init) }

    @Test("info describes a GGUF file: architecture, sizes, tensor types, no tokenizer")
    func infoGGUF() {
        let run = CapturedRun(["model", "info", ModelFixtures.path("base-q4_1.gguf")])
        #expect(run.code == .success, "\(run.error)")
        for line in ["format:           GGUF v3", "architecture:     llama", "layers:           2",
                     "width:            64, feed-forward 160", "heads:            4 query, 2 key-value, 16 per head",
                     "vocabulary:       256", "tokenizer:        none", "chat template:    none",
                     "runs here:        yes"] {
            #expect(run.output.contains(line), "missing \(line) in \(run.output)")
        }
        #expect(run.output.contains("tensors:          F32 ×5, Q4_1 ×16"), "\(run.output)")
    }

    @Test("info --json describes a Hugging Face folder with its tokenizer and chat template")
    func infoHuggingFaceJSON() throws {
        let folder = try ModelFixtures.baseFolderWithTokenizer()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = CapturedRun(["model", "info", folder, "--json"])
        #expect(run.code == .success, "\(run.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "Hugging Face folder")
        #expect(object["architecture"] as? String == "llama")
        #expect(object["tensor_types"] as? [String: Int] == ["F32": 21])
        #expect(object["runnable"] as? Bool == true)
        let configuration = try #require(object["configuration"] as? [String: Any])
        #expect(configuration["context_length"] as? Int == 64)
        #expect(configuration["vocabulary_size"] as? Int == 256)
        let tokenizer = try #require(object["tokenizer"] as? [String: Any])
        #expect(tokenizer["vocabulary_size"] as? Int == 256)
        #expect(tokenizer["eos"] as? String == "<|im_end|>")
        #expect((object["chat_template"] as? [String: Any])?["style"] as? String == "ChatML")
    }

    @Test("info names what the runtime refuses, and fails on files that are not models")
    func infoProblems() throws {
        let folder = try ModelFixtures.temporaryFolder("gpt2")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let configuration = try String(contentsOfFile: ModelFixtures.path("base-hf/config.json"), encoding: .utf8)
        try configuration.replacingOccurrences(of: "\"llama\"", with: "\"gpt2\"")
            .write(toFile: folder + "/config.json", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/model.safetensors",
                                                   withDestinationPath: ModelFixtures.path("base-hf/model.safetensors"))
        let refused = CapturedRun(["model", "info", folder])
        #expect(refused.code == .success, "\(refused.error)")
        #expect(refused.output.contains("no: unsupportedArchitecture: model_type gpt2"), "\(refused.output)")

        let notModel = CapturedRun(["model", "info", ModelFixtures.path("expected.json")])
        #expect(notModel.code == .failure)
        #expect(notModel.error.contains("is not a readable GGUF file"), "\(notModel.error)")
        let missing = CapturedRun(["model", "info", "/nonexistent/model.gguf"])
        #expect(missing.code == .failure)
        #expect(missing.error.contains("does not exist"))
    }

    @Test("run --prompt streams the generated text to stdout and timings to stderr")
    func runPrompt() throws {
        let folder = try ModelFixtures.baseFolderWithTokenizer()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = CapturedRun(["model", "run", folder, "--prompt", "Hello", "--max-tokens", "12"])
        #expect(run.code == .success, "\(run.error)")
        #expect(run.output == (try Self.expectedText(folder, prompt: Self.bytes("Hello"), maximum: 12)))
        #expect(run.error.contains("prompt: 5 tokens in"), "\(run.error)")
        #expect(run.error.contains("tokens/s"))

        let none = CapturedRun(["model", "run", folder, "--prompt", "Hello", "--max-tokens", "0"])
        #expect(none.code == .success)
        #expect(none.output.isEmpty)
    }

    @Test("a GGUF file with --tokenizer gives the same text as the Hugging Face folder of the same weights")
    func runGGUFWithTokenizer() throws {
        let folder = try ModelFixtures.baseFolderWithTokenizer()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fromFolder = CapturedRun(["model", "run", folder, "--prompt", "abc", "--max-tokens", "10"])
        let fromGGUF = CapturedRun(["model", "run", ModelFixtures.path("base-f32.gguf"), "--prompt", "abc",
                                    "--max-tokens=10", "--tokenizer", folder + "/tokenizer.json"])
        #expect(fromGGUF.code == .success, "\(fromGGUF.error)")
        #expect(fromGGUF.output == fromFolder.output)
        #expect(!fromGGUF.output.isEmpty)

        let withoutTokenizer = CapturedRun(["model", "run", ModelFixtures.path("base-f32.gguf"), "--prompt", "abc"])
        #expect(withoutTokenizer.code == .failure)
        #expect(withoutTokenizer.error.contains("cannot load the tokenizer"), "\(withoutTokenizer.error)")
        #expect(withoutTokenizer.error.contains("--tokenizer FILE"))
    }

    @Test("run --chat applies the chat template, with no system message unless --system gives one")
    func runChat() throws {
        let folder = try ModelFixtures.baseFolderWithTokenizer()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let start = ByteTokenizerFiles.imStart, end = ByteTokenizerFiles.imEnd
        let user = [start] + Self.bytes("user\nHi") + [end] + Self.bytes("\n") + [start] + Self.bytes("assistant\n")
        let system = [start] + Self.bytes("system\nBe brief") + [end] + Self.bytes("\n")
        let plain = CapturedRun(["model", "run", folder, "--chat", "Hi", "--max-tokens", "8"])
        #expect(plain.code == .success, "\(plain.error)")
        #expect(plain.output == (try Self.expectedText(folder, prompt: user, maximum: 8)))
        #expect(plain.error.contains("prompt: \(user.count) tokens"), "\(plain.error)")
        let withSystem = CapturedRun(["model", "run", folder, "--chat", "Hi", "--system", "Be brief",
                                      "--max-tokens", "8"])
        #expect(withSystem.output == (try Self.expectedText(folder, prompt: system + user, maximum: 8)))
        #expect(withSystem.error.contains("prompt: \((system + user).count) tokens"))
    }

    @Test("run --adapter applies a PEFT adapter; an adapter for another base is refused by name")
    func runAdapter() throws {
        let folder = try ModelFixtures.baseFolderWithTokenizer()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = CapturedRun(["model", "run", folder, "--prompt", "xyz", "--max-tokens", "10",
                               "--adapter", ModelFixtures.path("lora/base-r8-all")])
        #expect(run.code == .success, "\(run.error)")
        let expected = try Self.expectedText(folder, prompt: Self.bytes("xyz"), maximum: 10, adapter: "base-r8-all")
        #expect(run.output == expected)

        let foreign = CapturedRun(["model", "run", folder, "--prompt", "xyz", "--adapter",
                                   ModelFixtures.path("lora/llama3-r4-all")])
        #expect(foreign.code == .failure)
        #expect(foreign.error.contains("cannot use the adapter in"), "\(foreign.error)")
        #expect(foreign.output.isEmpty)
        let missing = CapturedRun(["model", "run", folder, "--prompt", "xyz", "--adapter", "/nonexistent/adapter"])
        #expect(missing.code == .failure)
        #expect(missing.error.contains("cannot use the adapter in /nonexistent/adapter"), "\(missing.error)")
    }

    @Test("sampling options: the same seed gives the same text, as the library samples it")
    func runSampling() throws {
        let folder = try ModelFixtures.baseFolderWithTokenizer()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let arguments = ["model", "run", folder, "--prompt", "seed", "--max-tokens", "16", "--temperature", "0.8",
                         "--top-k", "40", "--top-p", "0.9", "--repetition-penalty", "1.1", "--seed", "7"]
        let first = CapturedRun(arguments), second = CapturedRun(arguments)
        #expect(first.code == .success, "\(first.error)")
        #expect(first.output == second.output)
        let sampling = SamplingParameters(temperature: 0.8, topK: 40, topP: 0.9, repetitionPenalty: 1.1, seed: 7)
        let expected = try Self.expectedText(folder, prompt: Self.bytes("seed"), maximum: 16, sampling: sampling)
        #expect(first.output == expected)
    }

    @Test("a prompt longer than the context is refused with the sizes")
    func promptTooLong() throws {
        let folder = try ModelFixtures.baseFolderWithTokenizer()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = CapturedRun(["model", "run", folder, "--prompt", String(repeating: "a", count: 65)])
        #expect(run.code == .failure)
        #expect(run.error.contains("the prompt is 65 tokens, longer than the model's context of 64 tokens"),
                "\(run.error)")
        let fits = CapturedRun(["model", "run", folder, "--prompt", String(repeating: "a", count: 64),
                                "--max-tokens", "4"])
        #expect(fits.code == .success, "\(fits.error)")
        #expect(fits.error.contains("stopped: context full"), "\(fits.error)")
    }

    @Test("run refuses files that are not models", arguments: [
        ("expected.json", "is not a readable GGUF file"), ("lora", "cannot load the model in"),
        ("/nonexistent/model.gguf", "does not exist"),
    ])
    func runBadModel(file: String, message: String) {
        let path = file.hasPrefix("/") ? file : ModelFixtures.path(file)
        let run = CapturedRun(["model", "run", path, "--prompt", "x"])
        #expect(run.code == .failure)
        #expect(run.error.contains(message), "\(run.error)")
    }

    @Test("bad command lines exit 2 and point to the help", arguments: [
        (["model"], "needs a subcommand"),
        (["model", "train"], "unknown subcommand 'model train'"),
        (["model", "info"], "needs FILE"),
        (["model", "run", "--prompt", "x"], "needs MODEL"),
        (["model", "run", "m.gguf"], "needs --prompt TEXT or --chat TEXT"),
        (["model", "run", "m.gguf", "--prompt", "x", "--chat", "y"], "not both"),
        (["model", "run", "m.gguf", "--prompt", "x", "--system", "s"], "--system goes with --chat"),
        (["model", "run", "m.gguf", "--prompt", "x", "--max-tokens", "-1"], "--max-tokens must be a whole number"),
        (["model", "run", "m.gguf", "--prompt", "x", "--temperature", "hot"], "--temperature must be a number"),
        (["model", "run", "m.gguf", "--prompt", "x", "--top-p", "2"], "top-p 2.0 is outside (0, 1]"),
        (["model", "run", "m.gguf", "--prompt", "x", "--seed", "-3"], "--seed must be a whole number"),
        (["model", "run", "m.gguf", "--prompt", "x", "--threads", "0"], "--threads must be a whole number"),
        (["model", "run", "m.gguf", "extra", "--prompt", "x"], "unexpected argument 'extra'"),
    ])
    func usageErrors(arguments: [String], message: String) {
        let run = CapturedRun(arguments)
        #expect(run.code == .usage)
        #expect(run.error.contains(message), "\(run.error)")
        #expect(run.error.contains("--help' for usage"))
    }

    @Test("help for the model commands",
          arguments: [["model", "--help"], ["help", "model", "run"], ["model", "info", "-h"]])
    func help(arguments: [String]) {
        let run = CapturedRun(arguments)
        #expect(run.code == .success)
        #expect(run.output.contains("Usage: oln model"))
    }
}
