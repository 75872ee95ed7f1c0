// Tokenizers: text to token ids and back for the OpenLoRA runtime, exactly as the models'
// reference tokenizers do it (Hugging Face `tokenizers` for tokenizer.json, llama.cpp for GGUF),
// and the chat templates that turn a conversation into a prompt.
//
// What it owns
//   Tokenizer            loads tokenizer.json (+ tokenizer_config.json) or GGUF metadata;
//                        encode (special tokens written literally are recognised, or not),
//                        decode, encodeChat
//   StreamingDecoder     ids one at a time → text, emitting only complete characters
//   Vocabulary           token texts by id, ids by UTF-8 bytes of the text
//   AddedToken           special and user-defined tokens, matched in raw text longest first
//   NormalizerStep       Prepend, Replace (Llama-2's "▁" handling)
//   PreTokenizerStep     ByteLevel, Split (GPT-2 / Llama-3 patterns), Digits, Metaspace
//   SplitPattern         the GPT-2 and Llama-3 regexes, matched by hand over Unicode
//                        categories (Unicode.Scalar.Properties); no regex engine
//   DecoderStep          ByteLevel, Replace, ByteFallback, Fuse, Strip, Metaspace
//   ChatTemplate         ChatML and Llama-2 layouts, detected from a Jinja template's markers;
//                        ChatMessage, ChatRole, SystemPrompt (the caller's system message)
//   TokenizerLimits      named limits on file size, vocabulary, merges, token length, …
//   TokenizerError       every refusal: a Kind and a sentence
//
// It imports ModelFiles only (JSONParser for tokenizer.json, GGUFHeader for GGUF metadata,
// ModelFileBuffer to read files); no Foundation. Malformed files throw TokenizerError, never
// trap; encode and decode accept any text and any ids.
//
// The pipeline (as in `tokenizers`):
//
//   text ─ added tokens (longest match) ─┬─ token ids ───────────────────────────┐
//                                        └─ text ─ normalizer ─ pre-tokenizer ─ BPE ┴─ ids
//   [prefix ids (BOS)] ‖ ids ‖ [suffix ids]
//
//   ids ─ token texts (special ones optionally skipped) ─ decoder steps ─ text
//
// Byte-level BPE (GPT-2, Llama-3, SmolLM): every UTF-8 byte is one scalar of GPT-2's byte
// alphabet (printable Latin-1 stands for itself; the rest → U+0100…: space 'Ġ', newline 'Ċ'),
// so tokens are texts over that alphabet and merges need no unknown token.
//
//   byte  00…20   21…7E   7F…A0    A1…AC   AD     AE…FF
//   char  Ā…Ġ     ! … ~   ġ…ł      ¡ … ¬   Ń      ® … ÿ
//
// SentencePiece BPE (Llama-2, TinyLlama): spaces are "▁" (U+2581), "▁" is prepended to the text,
// scalars outside the vocabulary are `<0xNN>` byte tokens. tokenizer.json merges by rank;
// GGUF ("llama") merges the adjacent pair whose merged token has the highest score.
