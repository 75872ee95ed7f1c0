// InfluenceAttribution: Proof of Attribution's influence method ("influence/1") for adapters
// that ModelFactory trained, and its tier-2 verification. Credit for an answer goes to the
// training examples whose stored gradients the answer's own gradient says made it more likely:
// DataInf (Kwon et al., ICLR 2024) per LoRA module segment on the job's final gradient store,
// or TracIn over several stores ("influence-tracin/1") where the parameters of each store's
// step are at hand.
//
// What it owns
//   InfluenceQuery          the revealed prompt and output token ids → the TrainingSequence
//                           whose target is the output (prompt masked), within the limits
//   QueryGradient           the LoRA gradient of the output's mean loss per token, without
//                           dropout, exactly as ModelFactory's per-example gradients, projected
//                           with the store's GradientProjection and quantized like its records
//   InfluenceStore          a GradientStore checked against the adapter's layout, with each
//                           record's squared norm per segment and its Merkle root
//   DataInfScoring          per-example scores, positive = the example made the output likelier
//   TracInScoring           Σ_c η_c · g_k(θ_c) · v(θ_c) over checkpoints
//   InfluenceCredit         positive scores → per document → near-duplicate clusters → top-K → ppm
//   InfluenceAttributor     what a host keeps per adapter and calls per answer
//   InfluenceParameters     "influence/1" = .version1, "influence-tracin/1" = .tracInVersion1
//   InfluenceVerifier       recompute, compare within the tolerance → InfluenceVerification
//   InfluenceError          every refusal: a Kind and a sentence
//
// It imports ModelFactory (stores, projection), LoRATraining (the objective, the layout),
// OpenLoRA (adapters), Attribution (AttributionWeight, PartsPerMillion) and Sodium (SHA-256);
// no Foundation, no clock, no threads.
//
// Arithmetic. The stored and the query gradients are int16 levels q with one float32 scale σ
// per segment; a value is q·σ, exact in Double. Dot products of levels are summed exactly in
// Int64 (|q| ≤ 32767 and k ≤ 2²⁰, so a sum stays below 2⁵⁰ and converts to Double exactly),
// then multiplied by the two scales. Everything after that runs in Double, in one fixed order
// (records ascending, segments ascending, coordinates ascending), sequentially, with separate
// multiplications and additions (Swift does not contract them into FMAs), so the same store
// and the same query levels give bit-identical scores on every build. The query gradient itself
// comes from the training engine, whose low bits depend on the BLAS build and thread count: a
// validator may quantize a level differently, which is why verification is tier 2, within a
// tolerance (InfluenceParameters.weightTolerancePPM), not exact.
//
// Data flow per answer
//
//   prompt ‖ output ──► TrainingSequence ──► ∂(mean output loss)/∂θ ──► project (CountSketch
//   per segment, the store's seed and k) ──► int16 + scales ──► scores over the store's n
//   records ──► keep > 0 ──► Σ per content hash ──► cluster max, credited to the earliest
//   member ──► top K ──► ⌊s/s_max · 2⁴⁰⌋ ──► PartsPerMillion ──► [AttributionWeight]

/// The entry points of influence attribution: the methods and their names.
public enum InfluenceAttribution {
    /// The DataInf method's receipt name (``InfluenceParameters/version1``).
    public static let dataInfMethod = "influence/1"
    /// The TracIn method's receipt name (``InfluenceParameters/tracInVersion1``).
    public static let tracInMethod = "influence-tracin/1"
}
