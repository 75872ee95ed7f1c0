import Testing
import TestSupport
@testable import ModelFactory

@Suite struct GradientStoreTests {
    static func store() throws -> GradientStore {
        let projection = try GradientProjection(segmentSizes: [6, 4], dimension: 5, seed: 9)
        let records = (0..<3).map { index in
            GradientStoreRecord(contentHash: [UInt8](repeating: UInt8(index), count: 32), exampleIndex: index,
                                gradient: projection.projectAndQuantize((0..<10).map { Float($0 * (index + 1)) - 4 }))
        }
        return GradientStore(projection: projection, step: 20, learningRate: 1e-4, records: records)
    }

    @Test func roundTripsWithTheDocumentedLayout() throws {
        let store = try Self.store()
        let bytes = store.serialized()
        let header = 8 + 4 + 8 + 4 + 4 + 2 * 12 + 8 + 8 + 8
        #expect(bytes.count == header + 3 * (40 + 2 * 4 + 2 * 5))
        #expect(Array(bytes.prefix(8)) == Array("OLNGRAD".utf8) + [0])
        let decoded = try GradientStore(decoding: bytes)
        #expect(decoded == store)
        #expect(decoded.merkleRoot == MerkleTree.root(leafHashes: store.records.map { MerkleTree.leafHash($0.serialized()) }))
        #expect(Array(bytes[header..<(header + 32)]) == [UInt8](repeating: 0, count: 32))
    }

    @Test func theRootChangesWithAnyRecord() throws {
        let store = try Self.store()
        var records = store.records
        records.swapAt(0, 1)
        let swapped = GradientStore(projection: store.projection, step: 20, learningRate: 1e-4, records: records)
        #expect(swapped.merkleRoot != store.merkleRoot)
    }

    @Test func malformedFilesAreRefused() throws {
        let bytes = try Self.store().serialized()
        for (input, word) in [(Array(bytes.dropLast()), "records"), (bytes + [0], "records"), (Array(bytes.prefix(20)), "ends"),
                              ([UInt8](repeating: 0, count: 64), "not a gradient store")] {
            let error = try #require(throws: ModelFactoryError.self) { try GradientStore(decoding: input) }
            #expect(error.kind == .invalidGradientStore && error.message.contains(word), "\(error.message)")
        }
        var limits = GradientStore.Limits.standard
        limits.recordCountMax = 2
        #expect(throws: ModelFactoryError.self) { try GradientStore(decoding: bytes, limits: limits) }
    }

    @Test func randomAndMutatedInputsNeverTrap() throws {
        var random = SeededGenerator.make(for: "gradient store decoder")
        let valid = try Self.store().serialized()
        for round in 0..<2000 {
            let input = round % 2 == 0 ? random.mutate(valid) : random.bytes(maximumCount: 200)
            _ = try? GradientStore(decoding: input)
        }
    }
}
