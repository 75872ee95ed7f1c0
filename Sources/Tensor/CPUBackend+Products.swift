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
            BLAS.multiplyTransposed(input.baseAddress!, weight.floatBase, into: output.baseAddress!,
                                    m: tokenCount, n: weight.rowCount, k: weight.columnCount, cStride: weight.rowCount)
        } else {
            expandedProduct(weight, input.baseAddress!, tokenCount: tokenCount, into: output.baseAddress!)
        }
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
            BLAS.multiplyVector(weight.floatBase, input.baseAddress!, into: output.baseAddress!,
                                m: weight.rowCount, n: weight.columnCount)
            return
        }
        let result = output.baseAddress!
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
            forEachChunk(partition(rows: rows.count, rowWork: weight.columnCount)) { chunk in
                let first = chunk.lowerBound * weight.columnCount
                let destination = UnsafeMutableBufferPointer(rebasing: panel[first...])
                weight.dequantizeRows((rows.lowerBound + chunk.lowerBound)..<(rows.lowerBound + chunk.upperBound),
                                      into: destination)
            }
            BLAS.multiplyTransposed(input, panel.baseAddress!, into: output + rows.lowerBound, m: tokenCount,
                                    n: rows.count, k: weight.columnCount, cStride: weight.rowCount)
            start = rows.upperBound
        }
    }
}
