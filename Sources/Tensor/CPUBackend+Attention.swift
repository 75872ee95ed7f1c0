extension CPUBackend {
    public func attention(_ shape: AttentionShape, queries: UnsafeBufferPointer<Float>,
                          keys: UnsafeBufferPointer<Float>, values: UnsafeBufferPointer<Float>,
                          into output: UnsafeMutableBufferPointer<Float>) {
        precondition(queries.count >= shape.tokenCount * shape.queryWidth, "queries smaller than the tokens")
        precondition(output.count >= shape.tokenCount * shape.queryWidth, "output smaller than the tokens")
        precondition(keys.count >= shape.positionCount * shape.keyValueWidth, "keys do not hold every position")
        precondition(values.count >= shape.positionCount * shape.keyValueWidth, "values do not hold every position")
        let itemCount = shape.tokenCount * shape.headCount
        let work = shape.positionCount * shape.headDimension * 2
        let (query, key) = (queries.baseAddress!, keys.baseAddress!)
        let (value, result) = (values.baseAddress!, output.baseAddress!)
        let pooled = shape.tokenCount <= Self.pooledTokenCountMaximum
        forEachChunk(partition(rows: itemCount, rowWork: work), pooled: pooled) { items in
            for item in items {
                Self.attendOne(shape, token: item / shape.headCount, head: item % shape.headCount,
                               query, key, value, result)
            }
        }
    }

    /// One query head of one token: scores over its visible positions, softmax, weighted values.
    private static func attendOne(_ shape: AttentionShape, token: Int, head: Int, _ queries: UnsafePointer<Float>,
                                  _ keys: UnsafePointer<Float>, _ values: UnsafePointer<Float>,
                                  _ output: UnsafeMutablePointer<Float>) {
        let dimension = shape.headDimension
        let visible = shape.startPosition + token + 1
        let keyHead = head / (shape.headCount / shape.keyValueHeadCount)
        let query = queries + token * shape.queryWidth + head * dimension
        let scale = 1 / Float(dimension).squareRoot()
        let result = output + token * shape.queryWidth + head * dimension
        withUnsafeTemporaryAllocation(of: Float.self, capacity: visible) { scores in
            let score = scores.baseAddress!
            for position in 0..<visible {
                let key = keys + position * shape.keyValueWidth + keyHead * dimension
                score[position] = RowDot.f32(UnsafeRawPointer(key), query, count: dimension) * scale
            }
            softmax(score, count: visible)
            for index in 0..<dimension { result[index] = 0 }
            for position in 0..<visible {
                let weight = score[position]
                let value = values + position * shape.keyValueWidth + keyHead * dimension
                for index in 0..<dimension { result[index] += weight * value[index] }
            }
        }
    }
}
