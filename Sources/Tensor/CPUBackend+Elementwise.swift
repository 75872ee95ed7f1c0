#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CPUBackend {
    public func rmsNormalize(_ input: UnsafeBufferPointer<Float>, weight: UnsafeBufferPointer<Float>, epsilon: Float,
                             into output: UnsafeMutableBufferPointer<Float>) {
        let width = weight.count
        precondition(width > 0 && input.count % width == 0, "input is not whole rows of the weight's width")
        precondition(output.count >= input.count, "output smaller than the input")
        for row in 0..<(input.count / width) {
            let source = input.baseAddress! + row * width
            let squares = RowDot.f32(UnsafeRawPointer(source), source, count: width)
            let scale = 1 / (squares / Float(width) + epsilon).squareRoot()
            let destination = output.baseAddress! + row * width
            for index in 0..<width { destination[index] = weight[index] * (source[index] * scale) }
        }
    }

    public func applyRope(_ values: UnsafeMutableBufferPointer<Float>, tokenCount: Int, startPosition: Int,
                          headCount: Int, headDimension: Int, inverseFrequencies: UnsafeBufferPointer<Float>,
                          layout: RopeLayout) {
        let pairCount = headDimension / 2
        precondition(headDimension % 2 == 0 && inverseFrequencies.count >= pairCount, "one frequency per pair")
        precondition(values.count >= tokenCount * headCount * headDimension, "values smaller than the tokens")
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * pairCount) { table in
            for token in 0..<tokenCount {
                let position = Double(startPosition + token)
                for pair in 0..<pairCount {
                    let angle = position * Double(inverseFrequencies[pair])
                    table[pair] = Float(cos(angle))
                    table[pairCount + pair] = Float(sin(angle))
                }
                let row = values.baseAddress! + token * headCount * headDimension
                for head in 0..<headCount {
                    Self.rotate(row + head * headDimension, pairCount: pairCount, table: table, layout: layout)
                }
            }
        }
    }

    /// Turns each pair of one head by the angle whose cosine and sine `table` holds.
    private static func rotate(_ head: UnsafeMutablePointer<Float>, pairCount: Int,
                               table: UnsafeMutableBufferPointer<Float>, layout: RopeLayout) {
        let (firstStride, secondOffset) = layout == .interleaved ? (2, 1) : (1, pairCount)
        for pair in 0..<pairCount {
            let cosine = table[pair], sine = table[pairCount + pair]
            let first = head + pair * firstStride
            let a = first[0], b = first[secondOffset]
            first[0] = a * cosine - b * sine
            first[secondOffset] = b * cosine + a * sine
        }
    }

    public func softmax(_ values: UnsafeMutableBufferPointer<Float>, rowLength: Int) {
        precondition(rowLength > 0 && values.count % rowLength == 0, "values are not whole rows")
        for row in 0..<(values.count / rowLength) {
            Self.softmax(values.baseAddress! + row * rowLength, count: rowLength)
        }
    }

    /// Softmax of `count` values in place; the maximum is subtracted first.
    static func softmax(_ values: UnsafeMutablePointer<Float>, count: Int) {
        var maximum = -Float.infinity
        for index in 0..<count { maximum = max(maximum, values[index]) }
        var sum: Float = 0
        for index in 0..<count {
            let value = expf(values[index] - maximum)
            values[index] = value
            sum += value
        }
        let inverse = 1 / sum
        for index in 0..<count { values[index] *= inverse }
    }

    public func siluMultiply(_ gate: UnsafeMutableBufferPointer<Float>, by up: UnsafeBufferPointer<Float>) {
        precondition(up.count >= gate.count, "up shorter than gate")
        for index in 0..<gate.count {
            let value = gate[index]
            gate[index] = value / (1 + expf(-value)) * up[index]
        }
    }

    public func add(_ addend: UnsafeBufferPointer<Float>, to accumulator: UnsafeMutableBufferPointer<Float>) {
        precondition(addend.count >= accumulator.count, "addend shorter than accumulator")
        for index in 0..<accumulator.count { accumulator[index] += addend[index] }
    }
}
