/// Splits `0..<count` rows into contiguous chunks, at most one per worker, each with at least
/// `minimumRows` rows (so that small products are not spread thinner than thread start-up
/// costs). The split depends only on its arguments.
struct RowPartition: Sendable, Equatable {
    /// The number of rows.
    let count: Int
    /// The number of chunks.
    let chunkCount: Int

    /// A partition of `count` rows over at most `workers` chunks.
    init(count: Int, workers: Int, minimumRows: Int) {
        precondition(count >= 0 && workers > 0 && minimumRows > 0, "invalid partition")
        self.count = count
        chunkCount = max(1, min(workers, count / minimumRows))
    }

    /// The rows of chunk `index`: the first `count % chunkCount` chunks have one row more.
    func rows(ofChunk index: Int) -> Range<Int> {
        let base = count / chunkCount
        let extra = count % chunkCount
        let start = index * base + min(index, extra)
        return start..<(start + base + (index < extra ? 1 : 0))
    }
}
