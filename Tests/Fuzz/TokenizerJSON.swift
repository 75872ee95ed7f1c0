// fuzz-modules: ModelFiles Tokenizers
// Fuzzes tokenizer.json loading: any bytes must load or be refused with a TokenizerError,
// never trap. When the input loads, the tokenizer must encode text (including the input
// itself read as UTF-8) into ids inside its vocabulary, decode any ids, stream-decode them,
// and render and encode a chat without trapping.
import Tokenizers

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var limits = TokenizerLimits.standard
    limits.vocabularyCountMax = 1 << 16  // keeps dense vocabularies cheap to allocate
    guard let tokenizer = try? Tokenizer(tokenizerJSON: bytes, limits: limits) else { return 0 }
    let texts = ["Hello, world! 123 4567", " <s>x</s>  \n\t", "é你😀\u{301}▁Ġ", String(decoding: bytes.prefix(256), as: UTF8.self)]
    for text in texts {
        for parsing in [true, false] {
            let ids = tokenizer.encode(text, parsingSpecialTokens: parsing)
            guard ids.allSatisfy({ tokenizer.vocabulary.token(for: $0) != nil }) else {
                fatalError("encode made an id outside the vocabulary of \(tokenizer.vocabulary.count)")
            }
            _ = tokenizer.decode(ids, skippingSpecialTokens: parsing)
            var decoder = tokenizer.makeStreamingDecoder()
            for id in ids + [-1, tokenizer.vocabulary.count] { _ = decoder.append(id) }
            _ = decoder.finish()
        }
    }
    for style in ChatTemplate.Style.allCases {
        _ = try? tokenizer.encodeChat([.user("Hi"), .assistant("Hello")], template: ChatTemplate(style: style),
                                      system: .custom("Be brief."))
    }
    return 0
}
