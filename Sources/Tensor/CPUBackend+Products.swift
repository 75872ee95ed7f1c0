extension CPUBackend {
    public func matrixProduct(_ weight: WeightMatrix, _ input: UnsafeBufferPointer<Float>, tokenCount: Int,
                              into output: UnsafeMutableBufferPointer<Float>) {
        precondition(tokenCount > 0, "a product needs at least one token")
        precondition(input.count >= tokenCount * weight.columnCount, "input smaller than \(tokenCount) tokens")
        precondition(output.count >= tokenCount * weight.rowCount, "output smaller than \(tokenCount) tokens")
        guard weight.rowCount > 0, weight.columnCount > 0 else {
            output.update(repeating: 0)
            return
        }
        if tokenCount == 1 {
            matrixVectorProduct(weight, input, into: output)
        } else if weight.type == .f32 {
            workers?.park()
            BLAS.multiplyTransposed(input.baseAddress!, weight.floatBase, into: output.baseAddress!,
                                    m: tokenCount, n: weight.rowCount, k: weight.columnCount, cStride: weight.rowCount)
        } else {
            expandedProduct(weight, input.baseAddress!, tokenCount: tokenCount, into: output.baseAddress!)
        }
    }

    /// Q8_0, Q4_0 and Q4_1 matrices run every token through the integer kernels, as a single
    /// token does; other types run their many-token product, as before (F32: OpenBLAS sgemm
    /// against sgemv for one token, equal to rounding).
    public func tokenwiseProduct(_ weight: WeightMatrix, _ input: UnsafeBufferPointer<Float>, tokenCount: Int,
                                 into output: UnsafeMutableBufferPointer<Float>) {
        guard tokenCount > 1, BlockDot.reads(weight.type), weight.rowCount > 0 else {
            matrixProduct(weight, input, tokenCount: tokenCount, into: output)
            return
        }
        precondition(input.count >= tokenCount * weight.columnCount, "input smaller than \(tokenCount) tokens")
        precondition(output.count >= tokenCount * weight.rowCount, "output smaller than \(tokenCount) tokens")
        integerProduct(weight, input.baseAddress!, tokenCount: tokenCount, into: output.baseAddress!)
    }

    public func matrixVectorProduct(_ weight: WeightMatrix, _ input: UnsafeBufferPointer<Float>,
                                    into output: UnsafeMutableBufferPointer<Float>) {
        precondition(input.count >= weight.columnCount, "input shorter than a row")
        precondition(output.count >= weight.rowCount, "output shorter than the rows")
        guard weight.rowCount > 0 else { return }
        guard weight.columnCount > 0 else {
            output.update(repeating: 0)
            return
        }
        if weight.type == .f32 {
            workers?.park()
            BLAS.multiplyVector(weight.floatBase, input.baseAddress!, into: output.baseAddress!,
                                m: weight.rowCount, n: weight.columnCount)
            return
        }
        let result = output.baseAddress!
        if BlockDot.reads(weight.type) {
            withQuantized(input.baseAddress!, columnCount: weight.columnCount) { vector in
                forEachChunk(partition(rows: weight.rowCount, rowWork: weight.columnCount)) { rows in
                    Self.dotRows(weight, rows, vector, result)
                }
            }
            return
        }
        weight.withArrangedInput(input.baseAddress!) { vector in
            forEachChunk(partition(rows: weight.rowCount, rowWork: weight.columnCount)) { rows in
                Self.dotRows(weight, rows, vector, result)
            }
        }
    }

    /// result[r] = row r · vector for `rows` (vector arranged for the type), the type
    /// dispatched once.
    static func dotRows(_ weight: WeightMatrix, _ rows: Range<Int>, _ vector: UnsafePointer<Float>,
                        _ result: UnsafeMutablePointer<Float>) {
        let count = weight.columnCount
        switch weight.type {
        case .q8_0: for row in rows { result[row] = RowDot.q8_0(weight.rowAddress(row), vector, count: count) }
        case .q4_0: for row in rows { result[row] = RowDot.q4_0(weight.rowAddress(row), vector, count: count) }
        case .q4_1: for row in rows { result[row] = RowDot.q4_1(weight.rowAddress(row), vector, count: count) }
        case .f16: for row in rows { result[row] = RowDot.f16(weight.rowAddress(row), vector, count: count) }
        case .bf16: for row in rows { result[row] = RowDot.bf16(weight.rowAddress(row), vector, count: count) }
        case .f32: for row in rows { result[row] = RowDot.f32(weight.rowAddress(row), vector, count: count) }
        default: preconditionFailure("\(weight.type.name) has no row dot product")
        }
    }

    /// A tokenwise product with a Q8_0, Q4_0 or Q4_1 matrix: each token's input quantized to
    /// 8 bits and every output computed as `matrixVectorProduct` computes it, so a token's row
    /// of a batched decoding step equals its own single-token step bit for bit. Rows go in
    /// groups of `integerRowGroup`, every token per group, so a group's weights stay in cache.
    private func integerProduct(_ weight: WeightMatrix, _ input: UnsafePointer<Float>, tokenCount: Int,
                                into output: UnsafeMutablePointer<Float>) {
        let blockCount = weight.columnCount / QuantizedVector.blockLength
        let alignment = QuantizedVector.alignment
        let vectorBytes = (QuantizedVector.byteCount(blockCount: blockCount) + alignment - 1) / alignment * alignment
        let storage = UnsafeMutableRawPointer.allocate(byteCount: max(vectorBytes * tokenCount, 1),
                                                       alignment: QuantizedVector.alignment)
        defer { storage.deallocate() }
        let vectors = (0..<tokenCount).map { token in
            let vector = QuantizedVector(base: storage + token * vectorBytes, blockCount: blockCount)
            vector.quantize(input + token * weight.columnCount)
            return vector
        }
        let rowWork = weight.columnCount * tokenCount
        forEachChunk(partition(rows: weight.rowCount, rowWork: rowWork)) { rows in
            var start = rows.lowerBound
            while start < rows.upperBound {
                let group = start..<min(rows.upperBound, start + Self.integerRowGroup)
                for (token, vector) in vectors.enumerated() {
                    Self.dotRows(weight, group, vector, output + token * weight.rowCount)
                }
                start = group.upperBound
            }
        }
    }

    /// Calls `body` with `vector` (`columnCount` values, whole blocks) quantized to 8 bits in
    /// temporary aligned storage.
    func withQuantized<Result>(_ vector: UnsafePointer<Float>, columnCount: Int,
                               _ body: (QuantizedVector) -> Result) -> Result {
        let blockCount = columnCount / QuantizedVector.blockLength
        return withUnsafeTemporaryAllocation(byteCount: max(QuantizedVector.byteCount(blockCount: blockCount), 1),
                                             alignment: QuantizedVector.alignment) { storage in
            let quantized = QuantizedVector(base: storage.baseAddress!, blockCount: blockCount)
            quantized.quantize(vector)
            return body(quantized)
        }
    }

    /// result[r] = row r · vector for `rows` of a Q8_0, Q4_0 or Q4_1 matrix, in integers.
    static func dotRows(_ weight: WeightMatrix, _ rows: Range<Int>, _ vector: QuantizedVector,
                        _ result: UnsafeMutablePointer<Float>) {
        switch weight.type {
        case .q8_0: for row in rows { result[row] = BlockDot.q8_0(weight.rowAddress(row), vector) }
        case .q4_0: for row in rows { result[row] = BlockDot.q4_0(weight.rowAddress(row), vector) }
        case .q4_1: for row in rows { result[row] = BlockDot.q4_1(weight.rowAddress(row), vector) }
        default: preconditionFailure("\(weight.type.name) has no integer row dot product")
        }
    }

    /// A many-token product with a non-F32 matrix: panels of rows are expanded to Float (in
    /// parallel) and multiplied with OpenBLAS, each panel writing its block of output columns.
    private func expandedProduct(_ weight: WeightMatrix, _ input: UnsafePointer<Float>, tokenCount: Int,
                                 into output: UnsafeMutablePointer<Float>) {
        let panelRows = max(1, min(weight.rowCount, panelElementMaximum / weight.columnCount))
        let panel = UnsafeMutableBufferPointer<Float>.allocate(capacity: panelRows * weight.columnCount)
        defer { panel.deallocate() }
        var start = 0
        while start < weight.rowCount {
            let rows = start..<min(weight.rowCount, start + panelRows)
            forEachChunk(partition(rows: rows.count, rowWork: weight.columnCount), pooled: false) { chunk in
                let first = chunk.lowerBound * weight.columnCount
                let destination = UnsafeMutableBufferPointer(rebasing: panel[first...])
                weight.dequantizeRows((rows.lowerBound + chunk.lowerBound)..<(rows.lowerBound + chunk.upperBound),
                                      into: destination)
            }
            workers?.park()
            BLAS.multiplyTransposed(input, panel.baseAddress!, into: output + rows.lowerBound, m: tokenCount,
                                    n: rows.count, k: weight.columnCount, cStride: weight.rowCount)
            start = rows.upperBound
        }
    }
}
