import Dispatch
import Tensor

/// inputGradient = outputGradient · W for a frozen base matrix W ([out, in]) of any type the
/// kernels support: W's rows are expanded to Float a tile at a time (`dequantizeRows`, spread
/// over the workers) into one scratch tile, and each tile's share of the product runs on
/// sgemm. The whole matrix is never expanded at once. Tiles are added in row order, so the
/// result does not depend on the worker count.
final class TransposedProduct {
    /// The scratch tile: `tileElementCount` Floats.
    private let tile: UnsafeMutableBufferPointer<Float>
    private let workerCount: Int

    /// Rows of at least this many Floats' worth go to one worker when expanding a tile.
    static let expansionChunkElementMinimum = 16_384

    init(tileElementCount: Int, workerCount: Int) {
        precondition(tileElementCount > 0 && workerCount > 0, "a tile and a worker at least")
        tile = .allocate(capacity: tileElementCount)
        tile.initialize(repeating: 0)
        self.workerCount = workerCount
    }

    deinit { tile.deallocate() }

    /// The bytes of the tile.
    var byteCount: Int { tile.count * MemoryLayout<Float>.stride }

    /// inputGradient [n, in] = outputGradient [n, out] · W + β · inputGradient.
    func multiply(_ outputGradient: UnsafePointer<Float>, tokenCount: Int, weight: WeightMatrix,
                  into inputGradient: UnsafeMutablePointer<Float>, beta: Float) {
        var first = true
        forEachTile(of: weight) { rows, values in
            MatrixMultiply.times(outputGradient + rows.lowerBound, aStride: weight.rowCount, values,
                                 bStride: weight.columnCount, into: inputGradient, cStride: weight.columnCount,
                                 m: tokenCount, n: weight.columnCount, k: rows.count, beta: first ? beta : 1)
            first = false
        }
    }

    /// Calls `body` with each tile of `weight`'s rows, in order, expanded to Float ([rows, in]).
    func forEachTile(of weight: WeightMatrix, _ body: (Range<Int>, UnsafePointer<Float>) -> Void) {
        let columns = weight.columnCount
        guard weight.rowCount > 0, columns > 0 else { return }
        let tileRows = max(1, min(weight.rowCount, tile.count / columns))
        precondition(tileRows * columns <= tile.count, "a row is wider than the tile")
        var start = 0
        while start < weight.rowCount {
            let rows = start..<min(weight.rowCount, start + tileRows)
            expand(weight, rows)
            body(rows, UnsafePointer(tile.baseAddress!))
            start = rows.upperBound
        }
    }

    private func expand(_ weight: WeightMatrix, _ rows: Range<Int>) {
        let columns = weight.columnCount
        let chunkRows = max(1, Self.expansionChunkElementMinimum / columns)
        let chunkCount = min(workerCount, (rows.count + chunkRows - 1) / chunkRows)
        let destination = tile
        let work: (Int) -> Void = { chunk in
            let lower = rows.lowerBound + rows.count * chunk / chunkCount
            let upper = rows.lowerBound + rows.count * (chunk + 1) / chunkCount
            guard upper > lower else { return }
            let slice = UnsafeMutableBufferPointer(rebasing: destination[((lower - rows.lowerBound) * columns)...])
            weight.dequantizeRows(lower..<upper, into: slice)
        }
        if chunkCount <= 1 {
            work(0)
            return
        }
        // Each chunk writes only its own rows of the tile: that is what makes sharing the
        // non-Sendable closure with the workers safe.
        nonisolated(unsafe) let shared = work
        DispatchQueue.concurrentPerform(iterations: chunkCount) { shared($0) }
    }
}
