/// The Merkle root of the gradient store written at one step.
public struct GradientStoreRoot: Sendable, Equatable {
    /// The step the gradients were taken at.
    public let step: Int
    /// The 32-byte Merkle root (`GradientStore.merkleRoot`).
    public let root: [UInt8]

    /// A root; `root` must be 32 bytes (programmer error otherwise).
    public init(step: Int, root: [UInt8]) {
        precondition(root.count == 32, "a SHA-256 root")
        self.step = step
        self.root = root
    }
}
