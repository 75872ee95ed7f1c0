import Testing
import OpenLoRA

@Suite struct KeyValueCacheTests {
    @Test func sizesAndTruncation() {
        let cache = KeyValueCache(layerCount: 2, capacity: 8, width: 4)
        #expect(cache.byteCount == 2 * 2 * 8 * 4 * 4)
        #expect(cache.count == 0)
        cache.truncate(to: 0)
        #expect(cache.count == 0)
    }
}
