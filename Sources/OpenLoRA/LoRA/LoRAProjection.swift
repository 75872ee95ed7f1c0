import Tensor

/// The two factors of one projection's LoRA update, as F32 matrices the backend multiplies
/// with: `a` is [r, in] (PEFT's `lora_A.weight`), `b` is [out, r] (`lora_B.weight`), rows of
/// `b` in the base model's row order (see `LoRAAdapter`).
public struct LoRAProjection: Sendable {
    /// A: [rank, input features].
    public let a: WeightMatrix
    /// B: [output features, rank].
    public let b: WeightMatrix

    /// A projection from its factors; `a.rowCount` must equal `b.columnCount` (the rank)
    /// and both must be F32 (programmer errors trap).
    public init(a: WeightMatrix, b: WeightMatrix) {
        precondition(a.type == .f32 && b.type == .f32, "LoRA factors are F32")
        precondition(a.rowCount == b.columnCount, "A has \(a.rowCount) rows but B \(b.columnCount) columns")
        self.a = a
        self.b = b
    }

    /// The rank r.
    public var rank: Int { a.rowCount }

    /// The bytes both factors occupy.
    public var byteCount: Int { a.byteCount + b.byteCount }
}
