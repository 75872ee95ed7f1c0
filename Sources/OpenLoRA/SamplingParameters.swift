/// How the next token is chosen from logits, applied in Hugging Face's order: repetition
/// penalty, temperature, top-k, top-p, then a draw. Temperature 0 is greedy decoding.
public struct SamplingParameters: Sendable, Equatable {
    /// Logits are divided by this before the draw; 0 picks the largest logit.
    public var temperature: Float
    /// Only the `topK` most likely tokens are kept; 0 keeps all.
    public var topK: Int
    /// Only the most likely tokens whose probabilities reach `topP` together are kept (at least
    /// one); 1 keeps all.
    public var topP: Float
    /// Logits of tokens already in the sequence (prompt included) are divided by this when
    /// positive and multiplied by it when negative (CTRL's penalty, as Hugging Face applies
    /// it); 1 changes nothing.
    public var repetitionPenalty: Float
    /// The seed of the draw's random generator.
    public var seed: UInt64

    /// Parameters; `validate()` checks their ranges.
    public init(temperature: Float = 0, topK: Int = 0, topP: Float = 1, repetitionPenalty: Float = 1,
                seed: UInt64 = 0) {
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.repetitionPenalty = repetitionPenalty
        self.seed = seed
    }

    /// Greedy decoding: always the most likely token.
    public static let greedy = SamplingParameters()

    /// Whether the choice is the largest logit (temperature 0 or top-k 1).
    public var isGreedy: Bool { temperature == 0 || topK == 1 }

    /// Throws `.invalidOptions` for a value outside its range.
    public func validate() throws(OpenLoRAError) {
        guard temperature.isFinite, temperature >= 0 else {
            throw OpenLoRAError(.invalidOptions, "temperature \(temperature) is not a finite number ≥ 0")
        }
        guard topK >= 0 else { throw OpenLoRAError(.invalidOptions, "top-k \(topK) is negative") }
        guard topP > 0, topP <= 1 else { throw OpenLoRAError(.invalidOptions, "top-p \(topP) is outside (0, 1]") }
        guard repetitionPenalty.isFinite, repetitionPenalty > 0 else {
            throw OpenLoRAError(.invalidOptions, "repetition penalty \(repetitionPenalty) is not a finite number > 0")
        }
    }
}
