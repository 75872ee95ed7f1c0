// Attribution: Proof of Attribution's span method ("span/1") and its tier-1 verification.
// Credit for a model output goes to the contributions of a Datanet version whose rare text the
// output repeats verbatim, found with a suffix array over the version's tokens (infini-gram,
// arXiv 2401.17377) and selected as OLMoTrace does (arXiv 2504.07096); near-duplicate
// contributions (sybil copies) are clustered with MinHash and credited once.
//
// What it owns
//   SpanIndexBuilder        a version's contributions (32-byte id + token ids, in acceptance
//                           order) → SpanIndex; can start from the previous version's index
//   SpanIndex               the index file, memory-mapped or in memory; suffix-range search,
//                           occurrence counts, documents, the credit table, the root
//   SpanIndexValidation     .structure (linear, bounds-safe) or .full (rebuilt and compared)
//   SuffixArray             token ranks + InducedSorting (SA-IS, linear time)
//   MinHasher               seeded one-permutation MinHash over token shingles; NearDuplicateParameters
//   NearDuplicateClustering exact banded candidate search, union–find to the earliest member
//   SpanAttribution         output tokens → CreditedSpans → AttributionWeights (top-K, ppm)
//   SpanAttributionParameters  span/1 = .version1
//   PartsPerMillion         integer largest-remainder normalisation to exactly 1,000,000
//   SpanAttributionVerifier recompute and compare exactly → SpanVerification
//   SpanIndexError          every refusal: a Kind and a sentence; SpanIndexLimits
//
// It imports Sodium (BLAKE2b-256) and Glibc (open, mmap, write, rename); no Foundation. It
// works on token ids (u32), not text: callers tokenize. No floating point anywhere in the
// method, so every peer computes the same attribution bit for bit. Every count read from a
// file is checked against a named limit before use, section arithmetic is overflow-checked,
// and a malformed file throws a SpanIndexError, never traps.
//
// Index file (little-endian; every section starts at a multiple of 8, zero-padded)
//
//   header [64]          "oln-span" ‖ version u32 (1) ‖ header length u32 (64)
//                        ‖ document count D u32 ‖ shingle length u32 ‖ text length N u64
//                        ‖ MinHash seed u64 ‖ signature count u32 ‖ band count u32
//                        ‖ Jaccard threshold ppm u32 ‖ reserved u32 (0) ‖ reserved u64 (0)
//   document ids         [32] × D, in corpus order
//   document starts      u32 × D: where each document begins in the text
//   credited documents   u32 × D: the earliest member of each document's cluster (≤ itself)
//   text                 u32 × N: document 0 ‖ 0xFFFFFFFF ‖ document 1 ‖ 0xFFFFFFFF ‖ …
//   suffix array         u32 × N: text positions in the order of their suffixes
//   root [32]            BLAKE2b-256 of every byte before it: the receipt's attribution_root
//
// The suffix array and the credit table are functions of the documents and the header's
// parameters, so every peer that builds a version's index from the same contributions gets
// the same file and the same root.
