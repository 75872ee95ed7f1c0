/// The order training sequences are visited in: epoch after epoch, each a seeded
/// permutation of all sequences (permutation e seeded by the job seed and e). A position
/// (sequences consumed so far) is all a checkpoint needs to resume the order.
struct DataOrder {
    let sequenceCount: Int
    let seed: UInt64
    private var epoch = -1
    private var permutation: [Int] = []

    init(sequenceCount: Int, seed: UInt64) {
        precondition(sequenceCount > 0, "a dataset has training sequences")
        self.sequenceCount = sequenceCount
        self.seed = seed
    }

    /// The sequence visited at `position`.
    mutating func sequenceIndex(at position: Int) -> Int {
        let (positionEpoch, offset) = position.quotientAndRemainder(dividingBy: sequenceCount)
        if positionEpoch != epoch {
            epoch = positionEpoch
            permutation = SeededPermutation.make(count: sequenceCount,
                                                 seed: SeedMixer.mix(seed, .dataOrder, UInt64(positionEpoch)))
        }
        return permutation[offset]
    }
}
