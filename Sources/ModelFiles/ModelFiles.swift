// ModelFiles: readers for model weight files (GGUF v2/v3 and safetensors, single or sharded),
// the ggml block formats with their dequantizers and reference quantizers, and a safetensors
// writer. The first layer of the OpenLoRA runtime; it knows file layouts, not models.
//
// What it owns
//   ModelFileBuffer      a file's bytes: a read-only mmap (no resident cost until read) or a heap copy
//   GGUFFile             header + buffer; GGUFHeader parses and validates from raw bytes
//     GGUFHeader         version, metadata (GGUFValue / GGUFArray), tensor directory, alignment
//     GGUFLimits         named limits on every count and length a GGUF header declares
//   GGMLType             ggml tensor types: block sizes, row sizes
//   GGMLDequantizer      F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1 → Float
//   GGMLQuantizer        Float → the same types, bit-exact with ggml's reference quantizers
//   TensorView           a tensor's bytes in place (type, dimensions, byte range), dequantized on demand
//   SafetensorsFile      header + buffer; SafetensorsHeader parses and validates from raw bytes
//   ShardedSafetensors   a model split over shards by model.safetensors.index.json (SafetensorsIndex)
//   SafetensorsWriter    writes safetensors files as the reference implementation does
//   JSONParser           a strict JSON parser (JSONValue, JSONObject) for headers and index files
//   ModelFileError       every refusal: a Kind, the byte offset, and a sentence
//
// It imports Glibc only (open, fstat, mmap, write, rename); no Foundation. Parsers take an
// UnsafeRawBufferPointer, so the same code reads a mapped file, a test's bytes and a fuzzer's
// input. Every count and length read from a file is checked against a named limit and the
// bytes that remain before anything is allocated for it, sizes and offsets use
// overflow-checked arithmetic, and malformed input throws a ModelFileError, never traps.
//
// Byte layouts (little-endian throughout; ‖ is concatenation, [n] is n bytes)
//
//   GGUF (v2 and v3; v1 had 32-bit counts and is refused)
//     "GGUF" ‖ version u32 ‖ tensor count u64 ‖ metadata count u64
//     ‖ metadata entry × metadata count
//     ‖ tensor entry × tensor count
//     ‖ zero padding to the alignment (general.alignment, default 32)
//     ‖ data section: each tensor at data offset + its offset (a multiple of the alignment)
//
//     string             length u64 ‖ UTF-8 bytes[length]
//     metadata entry     key string ‖ value type u32 ‖ value
//       value            uint8 0, int8 1, uint16 2, int16 3, uint32 4, int32 5, float32 6,
//                        bool 7 (one byte, 0 or 1), string 8, array 9, uint64 10, int64 11,
//                        float64 12
//       array            element type u32 ‖ count u64 ‖ count untagged elements (may nest)
//     tensor entry       name string ‖ dimension count u32 (≤ 4) ‖ extent u64 × count
//                        (innermost first) ‖ ggml type u32 ‖ offset u64
//
//   ggml blocks (32 elements; d, m: binary16)
//     Q8_0  d ‖ int8[32]               Q4_0  d ‖ nibbles[16]       Q4_1  d ‖ m ‖ nibbles[16]
//     Q5_0  d ‖ high bits u32 ‖ nibbles[16]                        Q5_1  d ‖ m ‖ high bits u32 ‖ nibbles[16]
//     nibble byte j: low nibble is element j, high nibble element j + 16
//
//   safetensors
//     header length n u64 (≤ 100,000,000) ‖ JSON header[n] (space-padded) ‖ data section
//     JSON header        {"__metadata__": {string: string, …},
//                         "name": {"dtype": "F32", "shape": [rows, columns],
//                                  "data_offsets": [begin, end]}, …}
//     data section       the tensors' bytes, tiled without gaps or overlap, offsets relative to
//                        its start; end − begin = product(shape) · dtype bits / 8
//
//   sharded safetensors
//     model.safetensors.index.json  {"metadata": {…}, "weight_map": {"name": "shard file", …}}
