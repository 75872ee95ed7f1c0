import Testing
import Tokenizers

/// Chat templates: detection from Jinja text, the caller's system message, rendering errors.
/// (The rendered ids are compared with jinja2's rendering in TokenizerTests.)
@Suite struct ChatTemplateTests {
    static let smolLM2 = "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
        + "{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n' }}"
        + "{% endif %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}"

    @Test func markersChooseTheStyle() {
        #expect(ChatTemplate(detectingIn: Self.smolLM2)?.style == .chatML)
        #expect(ChatTemplate(detectingIn: "{{ bos_token + '[INST] ' + content + ' [/INST]' }}")?.style == .llama2)
        #expect(ChatTemplate(detectingIn: "<|start_header_id|>{{ role }}<|end_header_id|>") == nil)
        #expect(ChatTemplate(detectingIn: "") == nil)
    }

    @Test func aLiteralDefaultSystemMessageIsFound() {
        #expect(ChatTemplate(detectingIn: Self.smolLM2)?.defaultSystemMessage
                == "You are a helpful AI assistant named SmolLM, trained by Hugging Face")
        let escaped = #"{{ '<|im_start|>system\nBe brief.<|im_end|>\n' }}"#
        #expect(ChatTemplate(detectingIn: escaped)?.defaultSystemMessage == "Be brief.")
        let computed = "{{ '<|im_start|>system\n' + system_message + '<|im_end|>\n' }}"
        #expect(ChatTemplate(detectingIn: computed)?.defaultSystemMessage == nil)
    }

    @Test func theCallerChoosesTheSystemMessage() throws {
        let template = ChatTemplate(style: .chatML, defaultSystemMessage: "Default.")
        let messages = [ChatMessage.user("Hi")]
        #expect(try template.render(messages, system: .none) == "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n")
        #expect(try template.render(messages, system: .templateDefault, addingGenerationPrompt: false)
                == "<|im_start|>system\nDefault.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n")
        #expect(try template.render(messages, system: .custom("Mine."), addingGenerationPrompt: false)
                == "<|im_start|>system\nMine.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n")
        let leading = [ChatMessage(role: .system, content: "First.")] + messages
        #expect(try template.render(leading, system: .custom("Ignored."), addingGenerationPrompt: false)
                == "<|im_start|>system\nFirst.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n")
    }

    @Test func llama2StripsContentsAndWritesBOSAndEOS() throws {
        let template = ChatTemplate(style: .llama2)
        let text = try template.render([.user(" Hi "), .assistant("Hello! "), .user("Bye")], system: .custom("Sys"))
        // The whole first content is stripped, so the user's leading space stays after <</SYS>>.
        #expect(text == "<s>[INST] <<SYS>>\nSys\n<</SYS>>\n\n Hi [/INST] Hello! </s><s>[INST] Bye [/INST]")
        #expect(try template.render([.user(" Hi ")]) == "<s>[INST] Hi [/INST]")
    }

    @Test func llama2RolesMustAlternate() {
        let template = ChatTemplate(style: .llama2)
        for messages: [ChatMessage] in [[.assistant("x")], [.user("a"), .user("b")],
                                        [.user("a"), ChatMessage(role: ChatRole(rawValue: "tool"), content: "b")]] {
            #expect(throws: TokenizerError.self) { try template.render(messages) }
        }
        #expect(throws: Never.self) { try template.render([]) }
    }

    @Test func tokenizersWithoutARecognisedTemplateAskForOne() throws {
        let tokenizer = try TokenizerFixtures.jsonTokenizer("llama3")
        #expect(tokenizer.chatTemplate == nil)
        let error = try #require(throws: TokenizerError.self) { try tokenizer.encodeChat([.user("Hi")]) }
        #expect(error.kind == .unsupportedComponent)
        let ids = try tokenizer.encodeChat([.user("Hi")], template: ChatTemplate(style: .chatML))
        #expect(ids == tokenizer.encode("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", addingSpecialTokens: false))
    }
}
