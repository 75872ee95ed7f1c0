#!/usr/bin/env python3
"""Builds the Tokenizers test fixtures with the reference implementation.

The real model tokenizers cannot be downloaded here, so this script BUILDS small tokenizers in
the exact configurations of the real families with Hugging Face `tokenizers`, trains them on a
small built-in text, and saves them as tokenizer.json files. It writes the same tokenizers as
metadata-only GGUF files with PyPI `gguf`, as llama.cpp's convert script would (tokens, merges,
scores, token types, special token ids, tokenizer.ggml.pre, chat template). Then it encodes and
decodes a corpus of tricky strings with `tokenizers` and renders chat conversations with the
families' real Jinja chat templates (jinja2, as transformers' apply_chat_template does); the
results are the expected values in expected.json.

Families (configurations as in the published tokenizer.json files):
  gpt2     ByteLevel pre-tokenizer (GPT-2 regex), ByteLevel decoder, <|endoftext|>
  llama3   Split(Llama-3 regex, Isolated) + ByteLevel(use_regex=false), ignore_merges,
           TemplateProcessing with <|begin_of_text|>
  smollm2  Digits(individual_digits) + ByteLevel (SmolLM/SmolLM2), specials first
  llama2   Llama-2/TinyLlama: Prepend("▁") + Replace(" ", "▁") normalizer, BPE with
           byte_fallback and <0x00>..<0xFF> tokens, merges as SentencePieceExtractor makes them,
           decoder Replace/ByteFallback/Fuse/Strip, TemplateProcessing with <s>

Regenerate (from the repository root):
    python3 -m venv /tmp/venv-tokenizers
    /tmp/venv-tokenizers/bin/pip install tokenizers==0.23.3 gguf==0.19.0 jinja2==3.1.6
    /tmp/venv-tokenizers/bin/python Tests/TokenizersTests/Fixtures/make_fixtures.py
"""
import json
import os
import random
import unicodedata

import gguf
import jinja2
from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

HERE = os.path.dirname(os.path.abspath(__file__))

GPT2_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
LLAMA3_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
                  r"|\s*[\r\n]+|\s+(?!\S)|\s+")

TRAINING_TEXT = """
The quick brown fox jumps over the lazy dog. It's a sentence that we've all seen, isn't it?
They'll say the weather is fine; I'd rather stay inside and read about tokenizers, models and data.
Machine learning models read text as tokens: words, pieces of words, numbers and punctuation.
In 2024, about 1,234,567 people visited the museum; 89.5% of them came back in 2025.
def greet(name):
    if name is None:
        return "Hello, world!"
    for index in range(10):
        print(f"{index}: hello {name}")
    return name.upper()

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

function add(a, b) { return a + b; }  // JavaScript adds numbers
    SELECT name, count(*) FROM users WHERE age >= 18 GROUP BY name;
Café, naïve, résumé, façade, jalapeño, Zürich, São Paulo, Kraków, Ångström.
Привет, мир! Это небольшой текст на русском языке.
你好，世界！这是一个小的测试。日本語のテキストです。
The capital of France is Paris. The capital of Italy is Rome. What is the capital of Spain?
Questions and answers: what, why, where, when, who, how? Because it is there!
email: someone@example.com, url: https://example.org/path?query=value&x=1
"""

SPECIAL_CHATML = ["<|im_start|>", "<|im_end|>"]

CORPUS = [
    "",
    " ",
    "  ",
    "\n",
    "Hello, world!",
    "hello world",
    " Hello",
    "The capital of France is Paris.",
    "What is the capital of France?",
    "I'm sure they'll say it's fine, don't you think? We've seen it.",
    "I'M SURE THEY'LL SAY IT'S FINE, DON'T YOU? WE'VE SEEN IT, I'D SAY.",
    "She said 'sorry' and left",
    "ſ'ſ 's 'S",
    "multiple   internal    spaces",
    "  leading and trailing spaces  ",
    "tabs\tand\tmore\t\ttabs",
    "newlines\n\nand\r\ncarriage\rreturns\n",
    "a \n b \n\n  c\t\n\td",
    "trailing newline\n\n\n",
    "    indented line\n        more indented\n",
    "def greet(name):\n    if name is None:\n        return \"Hello, world!\"\n    return name.upper()\n",
    "for (int i = 0; i < 10; ++i) {\n\tsum += a[i] * b[i];\n}",
    "x=1;y=2;z=x+y//comment",
    "1234567890",
    "3.14159 2.71828 1,000,000 and 42",
    "Numbers 12345 and 123456789012345678901234567890",
    "٣٤٥ ൧൨ ² ½ Ⅻ",
    "Café naïve résumé façade Ångström",
    "e\u0301 combining: cafe\u0301 n\u0303 a\u0308\u0304",
    "你好，世界！这是一个测试。",
    "日本語のテキストとカタカナ ー",
    "한국어 텍스트입니다",
    "Привет, мир!",
    "مرحبا بالعالم",
    "Emoji: 😀👍🏽🇫🇷 and ❤️",
    "Family: 👨‍👩‍👧‍👦 and 🏳️‍🌈 flags",
    "zero\u200bwidth and\u00a0nbsp and\u3000ideographic space",
    "Punctuation!!! ??? ... --- (parens) [brackets] {braces} <angles>",
    "<|im_start|>user\nHello<|im_end|>\n",
    "<|im_start|>assistant\n",
    "text<|im_end|>more",
    "<|im_start|><|im_end|>",
    "<|im_start",
    "<s>Hello</s>",
    " <s> spaced </s> ",
    "<s><s>",
    "<0x41> is not a byte",
    "<0xZZ> <0x> <0x411>",
    "\u0000 nul and \u0007 bell and \u007f delete",
    "mixed 123abc456 def7890",
    "😀",
    "a",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "                                        ",
    "\t\t\t\t",
    "!!!!!!!!!!!!!!!!!!!!",
    "https://example.org/path?query=value&x=1",
    "Ġ Ċ ▁ Ā",
    "The quick brown fox jumps over the lazy dog.",
    "a <mask> b  <mask>",
    "use <tool>now<tool> and <tool >",
    "<|endoftext|><|begin_of_text|><unk></s></s>",
    "hello\r\n\r\nworld  \n  \n  x",
    "!?\n\nword\n\n\n  ",
    "123 4567 89012 1a2b3c x²³ ١٢٣٤٥ 𝟘𝟙𝟚 𝐀𝐁𝐂",
    "'ll've'd 'LL 'Ve 'Re 'T",
    "नमस्ते दुनिया สวัสดีครับ שלום עולם",
    "😀😀😀 🧑🏽‍💻 1️⃣ #️⃣",
    "\ufeffBOM and \u001funit separator and \u0085NEL \u2028LS \u2029PS",
    "\u00a0\u00a0x \u3000 y\u2003z",
    "You are a helpful AI assistant named SmolLM, trained by Hugging Face",
]


def random_strings(count):
    """Seeded random strings over a pool of the classes the pre-tokenizers distinguish."""
    generator = random.Random(20251125)
    pool = (list("abcXYZ019 '\t\n\r.,!?-_()[]<>|/\\\"") + ["  ", "   ", "\n\n", " \n", "'s", "'LL", "▁", "Ġ"]
            + list("éüñçß你好世界日本語한국어Привет") + ["e\u0301", "\u200d", "\u00a0", "\u3000", "²", "٣", "Ⅻ"]
            + ["😀", "👍🏽", "👨‍👩‍👧", "🇫🇷", "❤️"] + ["<|im_start|>", "<|im_end|>", "<s>", "</s>", "<0x41>", "<|endoftext|>"]
            + ["hello", " world", "The", " capital", "12345", "def ", "    return"])
    return ["".join(generator.choice(pool) for _ in range(generator.randint(1, 24))) for _ in range(count)]


FIXED_CORPUS = list(CORPUS)
CORPUS += random_strings(60)

LLAMA2_TEMPLATE = (
    "{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}"
    "{% set system_message = messages[0]['content'] %}{% else %}{% set loop_messages = messages %}"
    "{% set system_message = false %}{% endif %}{% for message in loop_messages %}"
    "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
    "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
    "{% if loop.index0 == 0 and system_message != false %}"
    "{% set content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}"
    "{% else %}{% set content = message['content'] %}{% endif %}"
    "{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}"
    "{% elif message['role'] == 'assistant' %}{{ ' '  + content.strip() + ' ' + eos_token }}{% endif %}"
    "{% endfor %}")

SMOLLM2_TEMPLATE = (
    "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n' }}"
    "{% endif %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}")

# ChatML without a default system message (Qwen-style templates differ; this is the plain form).
CHATML_TEMPLATE = (
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}")

LLAMA3_TEMPLATE = (
    "{% set loop_messages = messages %}{% for message in loop_messages %}"
    "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}"
    "{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}")


def byte_level_trainer(vocab_size, special_tokens):
    return trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=special_tokens, show_progress=False,
                               initial_alphabet=pre_tokenizers.ByteLevel.alphabet())


def training_lines():
    # The fixed corpus strings are trained on too, so that merges cross the places where a
    # wrong pre-tokenizer split would cut (a tiny vocabulary would hide such a split).
    return (TRAINING_TEXT.strip("\n").split("\n") + FIXED_CORPUS) * 3


def build_gpt2():
    tokenizer = Tokenizer(models.BPE(dropout=None, unk_token=None, continuing_subword_prefix="",
                                     end_of_word_suffix="", fuse_unk=False, byte_fallback=False))
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=True)
    tokenizer.post_processor = processors.ByteLevel(trim_offsets=False)
    tokenizer.decoder = decoders.ByteLevel()
    tokenizer.train_from_iterator(training_lines(), byte_level_trainer(1000, []))
    tokenizer.add_special_tokens(["<|endoftext|>"] + SPECIAL_CHATML + ["<s>", "</s>"])
    tokenizer.add_special_tokens([AddedToken("<mask>", lstrip=True, special=True, normalized=False)])
    tokenizer.add_tokens([AddedToken("<tool>", special=False, normalized=False)])
    return tokenizer


def build_llama3():
    specials = ["<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"]
    tokenizer = Tokenizer(models.BPE(dropout=None, unk_token=None, fuse_unk=False, byte_fallback=False,
                                     ignore_merges=True))
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(LLAMA3_PATTERN), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=False)])
    tokenizer.decoder = decoders.ByteLevel()
    tokenizer.train_from_iterator(training_lines(), byte_level_trainer(1500, []))
    tokenizer.add_special_tokens(specials + SPECIAL_CHATML + ["<s>", "</s>"])
    tokenizer.post_processor = processors.Sequence([
        processors.ByteLevel(add_prefix_space=True, trim_offsets=False, use_regex=True),
        processors.TemplateProcessing(
            single="<|begin_of_text|> $A", pair="<|begin_of_text|> $A <|begin_of_text|>:1 $B:1",
            special_tokens=[("<|begin_of_text|>", tokenizer.token_to_id("<|begin_of_text|>"))])])
    return tokenizer


def build_smollm2():
    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<repo_name>", "<reponame>", "<file_sep>",
                "<filename>", "<gh_stars>", "<issue_start>", "<issue_comment>", "<issue_closed>",
                "<jupyter_start>", "<jupyter_text>", "<jupyter_code>", "<jupyter_output>", "<jupyter_script>",
                "<empty_output>"]
    tokenizer = Tokenizer(models.BPE(dropout=None, unk_token=None, fuse_unk=False, byte_fallback=False))
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Digits(individual_digits=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=True)])
    tokenizer.post_processor = processors.ByteLevel(add_prefix_space=True, trim_offsets=False, use_regex=True)
    tokenizer.decoder = decoders.ByteLevel()
    tokenizer.train_from_iterator(training_lines(), byte_level_trainer(1200, specials))
    tokenizer.add_special_tokens(["<s>", "</s>"])
    return tokenizer


def sentencepiece_merges(vocab, merged_order):
    """Merges as transformers' SentencePieceExtractor makes them: every split of a vocabulary
    piece into two pieces, ordered by the merged piece's score, then by the parts' ids."""
    merges = []
    for piece in merged_order:
        local = []
        for index in range(1, len(piece)):
            left, right = piece[:index], piece[index:]
            if left in vocab and right in vocab:
                local.append((left, right))
        local.sort(key=lambda pair: (vocab[pair[0]], vocab[pair[1]]))
        merges.extend(local)
    return merges


def build_llama2():
    trainer_tokenizer = Tokenizer(models.BPE(unk_token="<unk>", byte_fallback=True, fuse_unk=True))
    trainer_tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    # Special tokens are left out of the training text: SentencePiece pieces do not cross them.
    # The text is NFC-normalized (as SentencePiece training data is), so the vocabulary never
    # holds both "é" and "e\u0301": ModelFiles' JSONObject compares keys as Swift Strings, by
    # canonical equivalence, and would refuse such a vocabulary as a duplicate key.
    lines = [unicodedata.normalize("NFC", line) for line in training_lines()]
    for special in ["<unk>", "<s>", "</s>"] + SPECIAL_CHATML:
        lines = [line.replace(special, " ") for line in lines]
    # The alphabet is the built-in text's characters only (the corpus's emoji, Hangul, Arabic, …
    # fall back to bytes). An explicit alphabet keeps training deterministic: limit_alphabet
    # would break ties between equally rare characters in hash order.
    alphabet = sorted(set(unicodedata.normalize("NFC", TRAINING_TEXT.replace(" ", "▁").replace("\n", ""))))
    trainer = trainers.BpeTrainer(vocab_size=1200, special_tokens=[], show_progress=False,
                                  initial_alphabet=alphabet, limit_alphabet=len(alphabet))
    trainer_tokenizer.train_from_iterator(lines, trainer)
    trained = json.loads(trainer_tokenizer.to_str())["model"]["vocab"]
    trained_order = sorted(trained, key=trained.get)
    pieces = ["<unk>", "<s>", "</s>"] + [f"<0x{byte:02X}>" for byte in range(256)]
    pieces += [piece for piece in trained_order if piece not in pieces]
    vocab = {piece: index for index, piece in enumerate(pieces)}
    merged_order = [piece for piece in pieces[259:] if len(piece) > 1]  # creation order = score order
    merges = sentencepiece_merges(vocab, merged_order)
    tokenizer = Tokenizer(models.BPE(vocab=vocab, merges=merges, unk_token="<unk>", fuse_unk=True,
                                     byte_fallback=True, dropout=None))
    tokenizer.normalizer = normalizers.Sequence([normalizers.Prepend("▁"), normalizers.Replace(" ", "▁")])
    tokenizer.decoder = decoders.Sequence([decoders.Replace("▁", " "), decoders.ByteFallback(), decoders.Fuse(),
                                           decoders.Strip(" ", 1, 0)])
    tokenizer.add_special_tokens([AddedToken(token, normalized=False, special=True)
                                  for token in ["<unk>", "<s>", "</s>"]])
    tokenizer.add_special_tokens(SPECIAL_CHATML)
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A", pair="<s> $A <s> $B", special_tokens=[("<s>", 1)])
    scores = {}
    for rank, piece in enumerate(merged_order):
        scores[piece] = -float(rank)
    single_characters = [piece for piece in pieces[259:] if len(piece) == 1]
    for rank, piece in enumerate(single_characters):
        scores[piece] = -float(len(merged_order) + rank)
    return tokenizer, scores


def vocabulary_list(tokenizer):
    size = tokenizer.get_vocab_size(with_added_tokens=True)
    return [tokenizer.id_to_token(index) for index in range(size)]


def json_merges(tokenizer):
    merges = json.loads(tokenizer.to_str())["model"]["merges"]
    return [" ".join(pair) if isinstance(pair, list) else pair for pair in merges]


def write_gguf(name, tokenizer, model, pre, bos, eos, add_bos, template, scores=None):
    path = os.path.join(HERE, f"{name}.gguf")
    writer = gguf.GGUFWriter(path, arch="llama")
    tokens = vocabulary_list(tokenizer)
    added = tokenizer.get_added_tokens_decoder()
    types = []
    for index, token in enumerate(tokens):
        if index in added:
            types.append(gguf.TokenType.CONTROL if added[index].special else gguf.TokenType.USER_DEFINED)
        elif model == "llama" and token.startswith("<0x") and len(token) == 6:
            types.append(gguf.TokenType.BYTE)
        else:
            types.append(gguf.TokenType.NORMAL)
    if model == "llama":
        types[0] = gguf.TokenType.UNKNOWN
    writer.add_tokenizer_model(model)
    if pre is not None:
        writer.add_tokenizer_pre(pre)
    writer.add_token_list(tokens)
    writer.add_token_types(types)
    if scores is not None:
        writer.add_token_scores([scores.get(token, 0.0) for token in tokens])
    if model == "gpt2":
        writer.add_token_merges(json_merges(tokenizer))
    writer.add_bos_token_id(tokenizer.token_to_id(bos))
    writer.add_eos_token_id(tokenizer.token_to_id(eos))
    if model == "llama":
        writer.add_unk_token_id(0)
        writer.add_pad_token_id(0)
    writer.add_add_bos_token(add_bos)
    writer.add_chat_template(template)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def encode(tokenizer, text, add_special, plain=False):
    tokenizer.encode_special_tokens = plain
    try:
        return tokenizer.encode(text, add_special_tokens=add_special).ids
    finally:
        tokenizer.encode_special_tokens = False


def stream_decode(tokenizer, ids):
    stream = decoders.DecodeStream(skip_special_tokens=False)
    pieces = []
    for token in ids:
        piece = stream.step(tokenizer, token)
        if piece is not None:
            pieces.append(piece)
    return "".join(pieces)


def pre_tokenized(tokenizer, text):
    """The pre-tokenizer's pieces of the whole text (no added-token split, no normalizer)."""
    if tokenizer.pre_tokenizer is None:
        return None
    return [piece for piece, _ in tokenizer.pre_tokenizer.pre_tokenize_str(text)]


def corpus_cases(tokenizer, lstrip_tokens):
    cases = []
    for text in CORPUS:
        ids = encode(tokenizer, text, True)
        ids_without_special = encode(tokenizer, text, False)
        decoded = tokenizer.decode(ids_without_special, skip_special_tokens=False)
        cases.append({
            "text": text,
            "ids": ids,
            "ids_without_special": ids_without_special,
            "ids_plain": encode(tokenizer, text, False, plain=True),
            "decoded": tokenizer.decode(ids, skip_special_tokens=False),
            "decoded_skipping_special": tokenizer.decode(ids, skip_special_tokens=True),
            "round_trips": decoded == text,
            "stream_decoded": stream_decode(tokenizer, ids),
            "gguf": not any(token in text for token in lstrip_tokens),
            "pieces": pre_tokenized(tokenizer, text),
        })
    return cases


def render(template, messages, add_generation_prompt, bos, eos):
    def raise_exception(message):
        raise ValueError(message)
    environment = jinja2.Environment(trim_blocks=True, lstrip_blocks=True)
    environment.globals["raise_exception"] = raise_exception
    return environment.from_string(template).render(messages=messages, add_generation_prompt=add_generation_prompt,
                                                    bos_token=bos, eos_token=eos)


CONVERSATIONS = [
    [("user", "What is the capital of France?")],
    [("user", "Hi!"), ("assistant", "Hello! How can I help?"), ("user", "Write a haiku\nabout  spaces.")],
    [("user", "  padded question  ")],
]
SYSTEM_CHOICES = [None, "You are a terse assistant.", "default"]


def chat_cases(family, tokenizer, template, style, bos, eos):
    cases = []
    for conversation in CONVERSATIONS:
        for system in SYSTEM_CHOICES:
            if system == "default" and style != "chatml":
                continue
            for add_generation_prompt in (True, False):
                messages = [{"role": role, "content": content} for role, content in conversation]
                if system is None and style == "chatml":
                    use_template = CHATML_TEMPLATE  # no system block at all
                else:
                    use_template = template  # the family's own template (its default system message)
                if system not in (None, "default"):
                    messages.insert(0, {"role": "system", "content": system})
                text = render(use_template, messages, add_generation_prompt, bos, eos)
                cases.append({
                    "family": family, "style": style, "system": system,
                    "messages": [[role, content] for role, content in conversation],
                    "add_generation_prompt": add_generation_prompt, "text": text,
                    "ids": encode(tokenizer, text, False),
                })
    return cases


def write_config(name, template, bos, eos, unk=None):
    config = {"add_bos_token": name in ("llama2", "llama3"), "bos_token": bos, "eos_token": eos,
              "unk_token": unk, "chat_template": template, "model_max_length": 2048}
    with open(os.path.join(HERE, f"{name}.tokenizer_config.json"), "w") as file:
        json.dump(config, file, ensure_ascii=False, indent=1)


def main():
    gpt2 = build_gpt2()
    llama3 = build_llama3()
    smollm2 = build_smollm2()
    llama2, llama2_scores = build_llama2()
    families = {
        "gpt2": (gpt2, "gpt2", "gpt-2", "<|endoftext|>", "<|endoftext|>", False, CHATML_TEMPLATE, None, ["<mask>"]),
        "llama3": (llama3, "gpt2", "llama-bpe", "<|begin_of_text|>", "<|eot_id|>", True, LLAMA3_TEMPLATE, None, []),
        "smollm2": (smollm2, "gpt2", "smollm", "<|im_start|>", "<|im_end|>", False, SMOLLM2_TEMPLATE, None, []),
        "llama2": (llama2, "llama", None, "<s>", "</s>", True, LLAMA2_TEMPLATE, llama2_scores, []),
    }
    expected = {"families": {}, "chat": []}
    for name, (tokenizer, model, pre, bos, eos, add_bos, template, scores, lstrip_tokens) in families.items():
        tokenizer.save(os.path.join(HERE, f"{name}.tokenizer.json"), pretty=False)
        write_gguf(name, tokenizer, model, pre, bos, eos, add_bos, template, scores)
        write_config(name, template, bos, eos, "<unk>" if name == "llama2" else None)
        expected["families"][name] = {
            "vocabulary_count": tokenizer.get_vocab_size(with_added_tokens=True),
            "bos": tokenizer.token_to_id(bos), "eos": tokenizer.token_to_id(eos), "adds_bos": add_bos,
            "cases": corpus_cases(tokenizer, lstrip_tokens),
        }
    expected["chat"] += chat_cases("smollm2", smollm2, SMOLLM2_TEMPLATE, "chatml", "<|im_start|>", "<|im_end|>")
    expected["chat"] += chat_cases("llama2", llama2, LLAMA2_TEMPLATE, "llama2", "<s>", "</s>")
    with open(os.path.join(HERE, "expected.json"), "w") as file:
        json.dump(expected, file, ensure_ascii=False, indent=None, separators=(",", ":"))
        file.write("\n")


if __name__ == "__main__":
    main()
