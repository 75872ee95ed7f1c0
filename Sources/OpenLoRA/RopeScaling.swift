#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How rotary position embedding's frequencies are stretched for longer contexts. The
/// unscaled inverse frequency of pair i of a head of dimension d is base^(−2i/d).
public enum RopeScaling: Sendable, Equatable {
    /// The unscaled frequencies.
    case none
    /// Every inverse frequency divided by `factor` (positions interpolated linearly).
    case linear(factor: Float)
    /// Llama 3.1's scaling, as Hugging Face's `_compute_llama3_parameters` defines it:
    /// wavelengths above originalContextLength / lowFrequencyFactor are divided by `factor`,
    /// those below originalContextLength / highFrequencyFactor kept, and those between
    /// interpolated smoothly.
    case llama3(factor: Float, lowFrequencyFactor: Float, highFrequencyFactor: Float, originalContextLength: Int)
    /// One divisor per pair, as llama.cpp's `rope_freqs.weight` tensor stores llama3 scaling.
    case frequencyFactors([Float])

    /// The inverse frequency of each of the headDimension / 2 pairs.
    public func inverseFrequencies(base: Double, headDimension: Int) -> [Float] {
        let pairCount = headDimension / 2
        let unscaled = (0..<pairCount).map { 1 / pow(base, Double(2 * $0) / Double(headDimension)) }
        switch self {
        case .none:
            return unscaled.map { Float($0) }
        case .linear(let factor):
            return unscaled.map { Float($0) / factor }
        case .llama3(let factor, let low, let high, let original):
            return unscaled.map {
                Float(Self.llama3Frequency($0, Double(factor), Double(low), Double(high), Double(original)))
            }
        case .frequencyFactors(let factors):
            precondition(factors.count >= pairCount, "one frequency factor per pair")
            return (0..<pairCount).map { Float(unscaled[$0] / Double(factors[$0])) }
        }
    }

    private static func llama3Frequency(_ frequency: Double, _ factor: Double, _ low: Double, _ high: Double,
                                        _ original: Double) -> Double {
        let wavelength = 2 * Double.pi / frequency
        if wavelength < original / high { return frequency }
        if wavelength > original / low { return frequency / factor }
        let smooth = (original / wavelength - low) / (high - low)
        return (1 - smooth) * frequency / factor + smooth * frequency
    }
}
