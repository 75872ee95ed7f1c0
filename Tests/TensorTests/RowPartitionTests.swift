import Testing
@testable import Tensor

/// RowPartition covers every row exactly once, in order, within its bounds.
@Suite struct RowPartitionTests {
    @Test(arguments: [(0, 4, 1), (1, 4, 1), (7, 3, 1), (100, 8, 10), (100, 8, 200), (1_000, 16, 3)])
    func chunksTileTheRows(count: Int, workers: Int, minimumRows: Int) {
        let partition = RowPartition(count: count, workers: workers, minimumRows: minimumRows)
        #expect(partition.chunkCount >= 1 && partition.chunkCount <= workers)
        var next = 0
        for chunk in 0..<partition.chunkCount {
            let rows = partition.rows(ofChunk: chunk)
            #expect(rows.lowerBound == next)
            if partition.chunkCount > 1 { #expect(rows.count >= minimumRows) }
            next = rows.upperBound
        }
        #expect(next == count)
    }
}
