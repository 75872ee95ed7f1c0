/// # Curation
///
/// The curator role's automatic voting policy. A node that holds curator stake looks at
/// the pending contributions of every datanet whose payloads it holds, decides each with a
/// deterministic policy and submits a signed `CurationVote` through the running node.
///
/// - ``CurationPolicy`` is pure (sans-IO): payload bytes, the datanet's rules and the
///   fingerprints of earlier payloads in, an accept or a reject with its reason out.
///   It rejects payloads below a minimum size, above the datanet's (or the policy's own)
///   limit, bytes that are not UTF-8 text or hold no words, and near-duplicates of an
///   accepted or earlier contribution.
/// - ``PayloadFingerprint`` is a payload's MinHash signature over shingles of its
///   whitespace-separated words (``MinHasher`` from Attribution), so two payloads compare
///   in `signatureCount` steps whatever their size.
/// - ``CuratorService`` runs beside a ``NodeRuntime``: a timer on a queue of its own, its
///   own read connection to the ledger, its own nonce counter, and the node's key.
///
/// Imports: Node (the runtime, blob store, transaction builder), Attribution (MinHash),
/// Ledger (records, transactions), Identity, Wire (hex for logs), Sodium (BLAKE2b).
///
/// How a payload becomes a signature:
///
///     bytes ──UTF-8 check──▶ words (split on ASCII whitespace, ASCII letters lower-cased)
///           ──FNV-1a 32 per word──▶ [UInt32] tokens
///           ──MinHasher (shingles of `shingleLength` tokens)──▶ [UInt64] × signatureCount
///
/// Two signatures agreeing in a fraction `a` of their places estimate the Jaccard
/// similarity of the two payloads' word-shingle sets as `a`.
enum Curation {}
