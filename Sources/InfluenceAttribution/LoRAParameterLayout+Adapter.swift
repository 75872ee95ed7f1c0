import LoRATraining
import OpenLoRA

extension LoRAParameterLayout {
    /// The parameter vector of `adapter` (loaded for any base of this layout's dimensions), in
    /// this layout's order: each module's A then B, B's rows in Hugging Face order: what the
    /// gradient engine and the gradient stores use. Throws `.layoutMismatch` when the adapter
    /// targets other modules or has another rank.
    public func parameters(of adapter: LoRAAdapter) throws(InfluenceError) -> [Float] {
        guard adapter.configuration.rank == configuration.rank, adapter.modules == segments.map(\.module) else {
            throw InfluenceError(.layoutMismatch, "the adapter (rank \(adapter.configuration.rank), \(adapter.modules.count) "
                                 + "modules) is not of this layout (rank \(configuration.rank), \(segments.count) modules)")
        }
        var values = [Float](repeating: 0, count: parameterCount)
        for segment in segments {
            guard let (a, b) = adapter.factorValues(segment.module),
                  a.count == segment.bOffset - segment.aOffset, b.count == segment.outputs * configuration.rank else {
                throw InfluenceError(.layoutMismatch, "the adapter's factors of \(segment.module) do not fit this layout")
            }
            values.replaceSubrange(segment.aOffset..<segment.bOffset, with: a)
            values.replaceSubrange(segment.bOffset..<(segment.bOffset + b.count), with: b)
        }
        return values
    }
}
