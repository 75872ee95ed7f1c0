/// A contiguous row-major buffer of Float values with a shape: the last dimension is
/// contiguous, as in numpy's default layout. Used for results handed to callers (logits for
/// several positions) and for tests; the hot paths work on buffers they allocate once.
public struct FloatTensor: Equatable, Sendable {
    /// The extent of each dimension, outermost first.
    public let shape: [Int]
    /// The values, `shape.reduce(1, *)` of them.
    public var scalars: [Float]

    /// A tensor of zeros.
    public init(zeros shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative extent in \(shape)")
        self.shape = shape
        scalars = [Float](repeating: 0, count: shape.reduce(1, *))
    }

    /// A tensor holding `scalars` in row-major order.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative extent in \(shape)")
        precondition(shape.reduce(1, *) == scalars.count, "\(scalars.count) values do not fill \(shape)")
        self.shape = shape
        self.scalars = scalars
    }

    /// The number of values.
    public var count: Int { scalars.count }

    /// The length of the last dimension (1 for a scalar).
    public var rowLength: Int { shape.last ?? 1 }

    /// The number of rows: the product of all dimensions but the last.
    public var rowCount: Int { shape.dropLast().reduce(1, *) }

    /// The values of row `index` (over the flattened outer dimensions).
    public func row(_ index: Int) -> ArraySlice<Float> {
        precondition(index >= 0 && index < rowCount, "row \(index) outside 0..<\(rowCount)")
        return scalars[(index * rowLength)..<((index + 1) * rowLength)]
    }
}
