import Testing
import OpenLoRA

/// A state's position follows the tokens run; truncating the cache rewinds it, and decoding
/// after a rewind repeats the logits (bit for bit when the chunks are the same).
@Suite struct LlamaRunStateTests {
    @Test func positionResetAndRewind() throws {
        let model = try LlamaModel(ggufFile: OpenLoRAFixtures.path("base-f32.gguf"), backend: OpenLoRAFixtures.backend)
        let state = model.makeState(contextCapacity: 16, batchCapacity: 4)
        #expect(state.cache.capacity == 16 && state.batchCapacity == 4 && state.byteCount > state.cache.byteCount)
        let first = try model.forward([1, 2, 3, 4, 5, 6], state: state)
        #expect(state.position == 6)
        state.cache.truncate(to: 3)
        let again = try model.forward([4, 5, 6], state: state)  // one chunk of 3 instead of 4 + 2: other sgemm shapes
        #expect(OpenLoRAFixtures.relativeError(again.scalars, first.scalars[...]) <= 1e-6)
        state.reset()
        #expect(state.position == 0)
        #expect(try model.forward([1, 2, 3, 4, 5, 6], state: state) == first)
    }
}
