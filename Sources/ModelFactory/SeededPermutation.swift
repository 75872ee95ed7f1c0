import OpenLoRA

/// A Fisher–Yates shuffle of 0..<count whose every draw is spelled out here (the bounded
/// index is the high half of a 64 × 64-bit product), so the order does not depend on the
/// standard library's shuffle, which may change between toolchains.
enum SeededPermutation {
    static func make(count: Int, seed: UInt64) -> [Int] {
        var order = Array(0..<count)
        var random = RandomSource(seed: seed)
        var index = count - 1
        while index > 0 {
            let other = Int(random.next().multipliedFullWidth(by: UInt64(index + 1)).high)
            order.swapAt(index, other)
            index -= 1
        }
        return order
    }
}
