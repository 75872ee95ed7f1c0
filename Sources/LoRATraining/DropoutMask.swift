/// Inverted dropout on a LoRA branch's input, as PEFT's `lora_dropout` (torch.nn.Dropout in
/// training mode): each element is kept with probability 1 − p and then scaled by 1/(1 − p),
/// or zeroed. The mask is a pure function of (seed, stream, token, element), so the backward
/// pass regenerates exactly the forward pass's mask instead of storing it; each projection has
/// its own stream, as each PEFT module has its own dropout.
struct DropoutMask {
    /// The probability of zeroing an element, in [0, 1).
    let probability: Double
    /// The seed of one call.
    let seed: UInt64

    /// Multiplies `rowCount` rows of `width` values of `source` by the mask of `stream` (rows
    /// are tokens 0..<rowCount) into `destination`; the two may be the same buffer.
    func apply(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, rowCount: Int,
               width: Int, stream: UInt64) {
        let threshold = UInt64(probability * 0x1p53)
        let scale = Float(1 / (1 - probability))
        for row in 0..<rowCount {
            var state = Self.mix(seed ^ Self.mix(stream &* 0x9e37_79b9_7f4a_7c15 &+ UInt64(row)))
            for index in 0..<width {
                state &+= 0x9e37_79b9_7f4a_7c15
                let draw = Self.mix(state) >> 11
                let offset = row * width + index
                destination[offset] = draw >= threshold ? source[offset] * scale : 0
            }
        }
    }

    /// SplitMix64's finalizer: a bijective scramble of 64 bits.
    private static func mix(_ value: UInt64) -> UInt64 {
        var mixed = value
        mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
        return mixed ^ (mixed >> 31)
    }
}
