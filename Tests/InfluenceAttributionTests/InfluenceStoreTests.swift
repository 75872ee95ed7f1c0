import InfluenceAttribution
import LoRATraining
import ModelFactory
import OpenLoRA
import Testing
import TestSupport

/// Preparing a store: norms, the root, and typed refusals of stores that do not fit.
@Suite("Influence store")
struct InfluenceStoreTests {
    @Test("an empty store is refused")
    func empty() throws {
        let layout = try SyntheticStores.layout()
        let projection = try GradientProjection(layout: layout, dimension: 32, seed: 1)
        let store = GradientStore(projection: projection, step: 5, learningRate: 0, records: [])
        #expect(throws: InfluenceError(.emptyStore, "the gradient store of step 5 holds no records")) {
            _ = try InfluenceStore(store, layout: layout)
        }
    }

    @Test("a store made for another layout is refused", arguments: ["rank", "targets"])
    func anotherLayout(change: String) throws {
        var random = SeededGenerator.make(for: "store layout \(change)")
        let layout = try SyntheticStores.layout()
        let other = change == "rank" ? try SyntheticStores.layout(rank: 4)
            : try LoRAParameterLayout(configuration: LoRAAdapterConfiguration(rank: 2, alpha: 4, targetModules: .allLinear),
                                      base: SyntheticStores.base)
        let store = try SyntheticStores.store(layout: other, count: 3, using: &random)
        do {
            _ = try InfluenceStore(store, layout: layout)
            Issue.record("a store of another layout was accepted")
        } catch {
            #expect(error.kind == .layoutMismatch)
        }
    }

    @Test("a store whose outputs are allocated differently is refused")
    func anotherAllocation() throws {
        var random = SeededGenerator.make(for: "store allocation")
        let layout = try SyntheticStores.layout()
        let store = try SyntheticStores.store(layout: layout, count: 2, using: &random)
        var sizes = store.projection.outputSizes
        sizes[0] += 1
        sizes[1] -= 1
        // A file with a shifted allocation decodes (the header is self-consistent) but is not this layout's.
        var bytes = store.serialized()
        let table = 8 + 4 + 8 + 4 + 4
        bytes.replaceSubrange((table + 8)..<(table + 12), with: withUnsafeBytes(of: UInt32(sizes[0]).littleEndian, Array.init))
        bytes.replaceSubrange((table + 20)..<(table + 24), with: withUnsafeBytes(of: UInt32(sizes[1]).littleEndian, Array.init))
        let decoded = try GradientStore(decoding: bytes)
        do {
            _ = try InfluenceStore(decoded, layout: layout)
            Issue.record("a store with another output allocation was accepted")
        } catch {
            #expect(error.kind == .layoutMismatch)
        }
    }

    @Test("a parameter vector of another length is refused")
    func parameterLength() throws {
        var random = SeededGenerator.make(for: "store parameters")
        let layout = try SyntheticStores.layout()
        let store = try InfluenceStore(SyntheticStores.store(layout: layout, count: 2, using: &random), layout: layout)
        do {
            _ = try InfluenceCheckpoint(store: store, parameters: [Float](repeating: 0, count: layout.parameterCount - 1))
            Issue.record("a short parameter vector was accepted")
        } catch {
            #expect(error.kind == .layoutMismatch)
        }
    }

    @Test("the root is the store's Merkle root")
    func root() throws {
        var random = SeededGenerator.make(for: "store root")
        let layout = try SyntheticStores.layout()
        let store = try SyntheticStores.store(layout: layout, count: 5, using: &random)
        let prepared = try InfluenceStore(store, layout: layout)
        #expect(prepared.root == store.merkleRoot)
        #expect(prepared.exampleCount == 5)
        #expect(prepared.contentHashes == store.records.map(\.contentHash))
    }
}
