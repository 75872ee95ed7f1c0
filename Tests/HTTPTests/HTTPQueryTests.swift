import HTTP
import Testing

@Suite struct HTTPQueryTests {
    @Test func pairsArePercentDecodedWithPlusAsSpace() throws {
        let query = try #require(HTTPQuery(parsing: "a=1&b=x+y%21&c&a=2&=e&%E2%9C%93=ok"))
        #expect(query.items.map(\.name) == ["a", "b", "c", "a", "", "✓"])
        #expect(query["a"] == "1")
        #expect(query["b"] == "x y!")
        #expect(query["c"] == "")
        #expect(query["✓"] == "ok")
    }

    @Test func malformedEscapesAndTooManyPairsAreRefused() {
        #expect(HTTPQuery(parsing: "a=%2") == nil)
        #expect(HTTPQuery(parsing: "a=%zz") == nil)
        #expect(HTTPQuery(parsing: "a=%FF") == nil)  // not UTF-8
        #expect(HTTPQuery(parsing: Array(repeating: "a=1", count: HTTPQuery.itemCountMax + 1).joined(separator: "&")) == nil)
    }

    @Test func percentDecodingKeepsPlusInPaths() {
        #expect(PercentEncoding.decode("a+b%2B") == "a+b+")
        #expect(PercentEncoding.decode("a+b", plusAsSpace: true) == "a b")
    }
}
