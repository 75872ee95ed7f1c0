import ModelFiles

/// The order in which a row dot product reads its Float vector. F16 and BF16 rows are
/// unpacked a 32-bit word (two elements) at a time into 4-lane vectors of the even and of
/// the odd elements; the vector is shuffled to match once per product (it is shared by every
/// row), so the kernels need no lane shuffles. A dot product is a sum over pairs, so any order
/// shared by both operands gives the same terms.
///
///   F16, BF16    per 8 elements: the 4 even ones, then the 4 odd ones; a tail of fewer
///                than 8 elements as stored
///   other types  as stored
enum InputLayout {
    /// Writes `vector` (`count` values) in the order `type`'s kernel reads into `destination`.
    static func arrange(_ type: GGMLType, _ vector: UnsafePointer<Float>, count: Int,
                        into destination: UnsafeMutablePointer<Float>) {
        switch type {
        case .f16, .bf16: arrangePairs(vector, count: count, into: destination)
        default: destination.update(from: vector, count: count)
        }
    }

    /// Whether `type`'s kernel reads the vector in stored order.
    static func isIdentity(_ type: GGMLType) -> Bool { type != .f16 && type != .bf16 }

    private static func arrangePairs(_ vector: UnsafePointer<Float>, count: Int,
                                     into destination: UnsafeMutablePointer<Float>) {
        let whole = count / 8 * 8
        for group in stride(from: 0, to: whole, by: 8) {
            for j in 0..<4 {
                destination[group + j] = vector[group + 2 * j]
                destination[group + 4 + j] = vector[group + 2 * j + 1]
            }
        }
        for index in whole..<count { destination[index] = vector[index] }
    }
}
