import ModelFactory

/// A prepared gradient store with the adapter's parameters at the store's step: the final
/// adapter's parameters with the last step's store (DataInf), or a kept checkpoint's
/// (`TrainingCheckpoint.state.parameters`) with the store of the same step (TracIn).
public struct InfluenceCheckpoint: Sendable {
    /// The store.
    public let store: InfluenceStore
    /// The LoRA parameter vector at the store's step, in the layout's order.
    public let parameters: [Float]

    /// A checkpoint; throws `.layoutMismatch` when `parameters` is not a vector of the store's
    /// projection's input dimension.
    public init(store: InfluenceStore, parameters: [Float]) throws(InfluenceError) {
        guard parameters.count == store.store.projection.inputDimension else {
            throw InfluenceError(.layoutMismatch, "the parameter vector has \(parameters.count) values; the store of "
                                 + "step \(store.store.step) was made for \(store.store.projection.inputDimension)")
        }
        self.store = store
        self.parameters = parameters
    }
}
