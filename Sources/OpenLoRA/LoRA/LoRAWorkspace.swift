/// Scratch buffers for applying LoRA updates: the rank-r intermediate A·x, the update
/// s·B(A·x), and rows gathered for one adapter of a batch. Each grows to the largest size
/// asked for and is then reused, so steady-state decoding allocates nothing. One workspace
/// belongs to one run state (or batch workspace) and is used by one thread at a time.
final class LoRAWorkspace {
    /// The buffers, by use.
    enum Slot: Int, CaseIterable {
        /// A·x: [tokens, r].
        case reduced
        /// s·B(A·x): [tokens, output features].
        case delta
        /// A batch's input rows for one adapter: [rows, input features].
        case gathered
    }

    private var buffers: [UnsafeMutableBufferPointer<Float>] = Slot.allCases.map { _ in .allocate(capacity: 0) }

    /// The first `count` elements of `slot`'s buffer (contents unspecified), grown if needed.
    func buffer(_ slot: Slot, count: Int) -> UnsafeMutableBufferPointer<Float> {
        precondition(count >= 0, "negative buffer size")
        if buffers[slot.rawValue].count < count {
            buffers[slot.rawValue].deallocate()
            let grown = UnsafeMutableBufferPointer<Float>.allocate(capacity: count)
            grown.initialize(repeating: 0)
            buffers[slot.rawValue] = grown
        }
        return UnsafeMutableBufferPointer(rebasing: buffers[slot.rawValue][0..<count])
    }

    /// The bytes the buffers occupy.
    var byteCount: Int { buffers.reduce(0) { $0 + $1.count * MemoryLayout<Float>.stride } }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }
}
