import Foundation
import Testing
import ModelFiles
@testable import Tensor
import TestSupport

/// CPUBackend's kernels against naive Double loops. Tolerances (relative to max(1, max |ref|)):
/// products 1e-5 (against the input as the product computes with it: 8-bit for one-token
/// Q8_0, Q4_0 and Q4_1 products), normalization, softmax, SiLU and RoPE 1e-6, attention 1e-5.
@Suite struct CPUBackendTests {
    static let types: [GGMLType] = [.f32, .f16, .bf16, .q8_0, .q4_0, .q4_1]
    /// Panels of 200 elements: a 7 × 64 matrix is expanded in seven one-row panels.
    static let backend = CPUBackend(threadCount: 3, panelElementMaximum: 200)

    @Test(arguments: types, [1, 5])
    func matrixProductMatchesNaive(_ type: GGMLType, tokens: Int) throws {
        var generator = SeededGenerator.make(for: "CPUBackend.product.\(type.name).\(tokens)")
        let (rows, columns) = (7, 64)
        let values = Naive.values(rows * columns, using: &generator)
        let input = Naive.values(tokens * columns, using: &generator)
        let matrix = try WeightMatrix(quantizing: values, rowCount: rows, columnCount: columns, to: type)
        let expected = Naive.product(matrix.dequantized(), rows: rows, columns: columns,
                                     tokens == 1 ? Self.inputAsComputed(input, type) : input, tokens: tokens)
        let actual = input.producing(tokens * rows) {
            Self.backend.matrixProduct(matrix, $0, tokenCount: tokens, into: $1)
        }
        #expect(Naive.relativeError(actual, expected) <= 1e-5)
    }

    /// The input a one-token or tokenwise product of `type` computes with: Q8_0, Q4_0 and Q4_1
    /// products quantize it to 8 bits (BlockDotTests' scalar reference), others use it as it is.
    static func inputAsComputed(_ input: [Float], _ type: GGMLType) -> [Float] {
        [.q8_0, .q4_0, .q4_1].contains(type) ? BlockDotTests.referenceQuantized(input) : input
    }

    /// A tokenwise product equals each token's own matrix-vector product bit for bit (batched
    /// decoding steps rely on it).
    @Test(arguments: [GGMLType.q8_0, .q4_0, .q4_1])
    func tokenwiseProductEqualsSingleTokenProducts(_ type: GGMLType) throws {
        var generator = SeededGenerator.make(for: "CPUBackend.fewTokens.\(type.name)")
        let (rows, columns, tokens) = (40, 96, 6)
        let matrix = try WeightMatrix(quantizing: Naive.values(rows * columns, using: &generator), rowCount: rows,
                                      columnCount: columns, to: type)
        let input = Naive.values(tokens * columns, using: &generator)
        let batched = input.producing(tokens * rows) {
            Self.backend.tokenwiseProduct(matrix, $0, tokenCount: tokens, into: $1)
        }
        for token in 0..<tokens {
            let single = Array(input[(token * columns)..<((token + 1) * columns)]).producing(rows) {
                Self.backend.matrixVectorProduct(matrix, $0, into: $1)
            }
            #expect(Array(batched[(token * rows)..<((token + 1) * rows)]) == single, "token \(token)")
        }
    }

    @Test(arguments: types)
    func matrixVectorProductIsTheSameForAnyThreadCount(_ type: GGMLType) throws {
        var generator = SeededGenerator.make(for: "CPUBackend.threads.\(type.name)")
        let (rows, columns) = (300, 128)
        let matrix = try WeightMatrix(quantizing: Naive.values(rows * columns, using: &generator), rowCount: rows,
                                      columnCount: columns, to: type)
        let input = Naive.values(columns, using: &generator)
        let results = [1, 2, 3, 8].map { threads in
            input.producing(rows) { CPUBackend(threadCount: threads).matrixVectorProduct(matrix, $0, into: $1) }
        }
        #expect(results.allSatisfy { $0 == results[0] })
        let expected = Naive.product(matrix.dequantized(), rows: rows, columns: columns,
                                     Self.inputAsComputed(input, type), tokens: 1)
        #expect(Naive.relativeError(results[0], expected) <= 1e-5)
    }

    @Test func rmsNormalizeMatchesNaive() {
        var generator = SeededGenerator.make(for: "CPUBackend.rmsnorm")
        let (rows, width, epsilon) = (3, 40, Float(1e-5))
        let input = Naive.values(rows * width, using: &generator)
        let weight = Naive.values(width, using: &generator)
        let actual = input.producing(rows * width) { input, output in
            weight.withUnsafeBufferPointer {
                Self.backend.rmsNormalize(input, weight: $0, epsilon: epsilon, into: output)
            }
        }
        var expected: [Double] = []
        for row in 0..<rows {
            let slice = input[(row * width)..<((row + 1) * width)]
            let scale = 1 / (Naive.dot(slice, slice) / Double(width) + Double(epsilon)).squareRoot()
            expected += zip(slice, weight).map { Double($0) * scale * Double($1) }
        }
        #expect(Naive.relativeError(actual, expected) <= 1e-6)
    }

    @Test(arguments: [RopeLayout.interleaved, .halves])
    func ropeMatchesNaive(_ layout: RopeLayout) {
        var generator = SeededGenerator.make(for: "CPUBackend.rope")
        let (tokens, heads, dimension, start) = (3, 2, 8, 5)
        let frequencies: [Float] = [1, 0.1, 0.01, 0.001]
        let values = Naive.values(tokens * heads * dimension, using: &generator)
        var actual = values
        actual.withUnsafeMutableBufferPointer { buffer in
            frequencies.withUnsafeBufferPointer {
                Self.backend.applyRope(buffer, tokenCount: tokens, startPosition: start, headCount: heads,
                                       headDimension: dimension, inverseFrequencies: $0, layout: layout)
            }
        }
        var expected = values.map(Double.init)
        for token in 0..<tokens {
            for head in 0..<heads {
                for pair in 0..<(dimension / 2) {
                    let base = (token * heads + head) * dimension
                    let (i, j) = layout == .interleaved ? (base + 2 * pair, base + 2 * pair + 1)
                                                        : (base + pair, base + pair + dimension / 2)
                    let angle = Double(start + token) * Double(frequencies[pair])
                    let (a, b) = (Double(values[i]), Double(values[j]))
                    expected[i] = a * cos(angle) - b * sin(angle)
                    expected[j] = b * cos(angle) + a * sin(angle)
                }
            }
        }
        #expect(Naive.relativeError(actual, expected) <= 1e-6)
    }

    /// llama.cpp's converter permutes each head's rows so that interleaved pairs (2i, 2i+1)
    /// hold what were rows (i, i + d/2): rotating interleaved after the permutation equals
    /// rotating halves before it.
    @Test func interleavedRopeOnPermutedRowsEqualsHalvesRope() {
        var generator = SeededGenerator.make(for: "CPUBackend.rope.permutation")
        let dimension = 8
        let values = Naive.values(dimension, using: &generator)
        let permutation = (0..<dimension).map { $0 % 2 == 0 ? $0 / 2 : $0 / 2 + dimension / 2 }
        let frequencies: [Float] = [1, 0.3, 0.05, 0.002]
        func rotated(_ input: [Float], _ layout: RopeLayout) -> [Float] {
            var output = input
            output.withUnsafeMutableBufferPointer { buffer in
                frequencies.withUnsafeBufferPointer {
                    Self.backend.applyRope(buffer, tokenCount: 1, startPosition: 9, headCount: 1,
                                           headDimension: dimension, inverseFrequencies: $0, layout: layout)
                }
            }
            return output
        }
        let halves = rotated(values, .halves)
        let interleaved = rotated(permutation.map { values[$0] }, .interleaved)
        #expect(interleaved == permutation.map { halves[$0] })
    }

    @Test func softmaxSiluAndAddMatchNaive() {
        var generator = SeededGenerator.make(for: "CPUBackend.elementwise")
        let values = Naive.values(24, scale: 4, using: &generator)
        var softmax = values
        softmax.withUnsafeMutableBufferPointer { Self.backend.softmax($0, rowLength: 12) }
        var expected: [Double] = []
        for row in 0..<2 {
            let slice = values[(row * 12)..<((row + 1) * 12)].map(Double.init)
            let exponentials = slice.map { exp($0 - slice.max()!) }
            expected += exponentials.map { $0 / exponentials.reduce(0, +) }
        }
        #expect(Naive.relativeError(softmax, expected) <= 1e-6)
        let up = Naive.values(24, using: &generator)
        var gate = values
        gate.withUnsafeMutableBufferPointer { gate in
            up.withUnsafeBufferPointer { Self.backend.siluMultiply(gate, by: $0) }
        }
        let silu = zip(values, up).map { (value: Float, factor: Float) -> Double in
            let x = Double(value)
            return x / (1 + exp(-x)) * Double(factor)
        }
        #expect(Naive.relativeError(gate, silu) <= 1e-6)
        var sum = values
        sum.withUnsafeMutableBufferPointer { sum in up.withUnsafeBufferPointer { Self.backend.add($0, to: sum) } }
        #expect(sum == zip(values, up).map { $0 + $1 })
    }

    @Test func attentionMatchesNaiveWithGroupedHeads() {
        var generator = SeededGenerator.make(for: "CPUBackend.attention")
        let shape = AttentionShape(tokenCount: 3, startPosition: 4, headCount: 4, keyValueHeadCount: 2,
                                   headDimension: 8)
        let queries = Naive.values(shape.tokenCount * shape.queryWidth, using: &generator)
        let keys = Naive.values(shape.positionCount * shape.keyValueWidth, using: &generator)
        let values = Naive.values(shape.positionCount * shape.keyValueWidth, using: &generator)
        let actual = queries.producing(shape.tokenCount * shape.queryWidth) { queries, output in
            keys.withUnsafeBufferPointer { keys in
                values.withUnsafeBufferPointer {
                    Self.backend.attention(shape, queries: queries, keys: keys, values: $0, into: output)
                }
            }
        }
        #expect(Naive.relativeError(actual, Self.naiveAttention(shape, queries, keys, values)) <= 1e-5)
    }

    static func naiveAttention(_ shape: AttentionShape, _ queries: [Float], _ keys: [Float],
                               _ values: [Float]) -> [Double] {
        let d = shape.headDimension
        var output: [Double] = []
        for token in 0..<shape.tokenCount {
            for head in 0..<shape.headCount {
                let kvHead = head / (shape.headCount / shape.keyValueHeadCount)
                let query = queries[(token * shape.queryWidth + head * d)...].prefix(d)
                let visible = 0...(shape.startPosition + token)
                let scores = visible.map { position in
                    let key = keys[(position * shape.keyValueWidth + kvHead * d)...].prefix(d)
                    return Naive.dot(query, key) / Double(d).squareRoot()
                }
                let weights = scores.map { exp($0 - scores.max()!) }
                let total = weights.reduce(0, +)
                for index in 0..<d {
                    var sum = 0.0
                    for position in visible {
                        let value = values[position * shape.keyValueWidth + kvHead * d + index]
                        sum += weights[position] / total * Double(value)
                    }
                    output.append(sum)
                }
            }
        }
        return output
    }
}
