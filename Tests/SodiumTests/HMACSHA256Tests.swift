import Testing
import TestSupport
import Sodium

/// The HMAC-SHA-256 results of RFC 4231 §4.
@Suite struct HMACSHA256Tests {
    func code(key: [UInt8], data: [UInt8]) -> String {
        HMACSHA256.authenticationCode(for: data, key: key).hex
    }

    @Test func testCase1() {
        #expect(
            code(key: [UInt8](repeating: 0x0b, count: 20), data: Array("Hi There".utf8))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        )
    }

    @Test func testCase2ShortKey() {
        #expect(
            code(key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        )
    }

    @Test func testCase3() {
        #expect(
            code(key: [UInt8](repeating: 0xaa, count: 20), data: [UInt8](repeating: 0xdd, count: 50))
                == "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
        )
    }

    @Test func testCase4() {
        #expect(
            code(key: (0x01...0x19).map { UInt8($0) }, data: [UInt8](repeating: 0xcd, count: 50))
                == "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
        )
    }

    @Test func testCase5TruncatedTo128Bits() {
        let full = code(key: [UInt8](repeating: 0x0c, count: 20), data: Array("Test With Truncation".utf8))
        #expect(full.prefix(32) == "a3b6167473100ee06e0c796c2955552b")
    }

    @Test func testCase6KeyLongerThanABlock() {
        #expect(
            code(
                key: [UInt8](repeating: 0xaa, count: 131),
                data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)
            ) == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        )
    }

    @Test func testCase7KeyAndDataLongerThanABlock() {
        let data = """
            This is a test using a larger than block-size key and a larger than block-size data. \
            The key needs to be hashed before being used by the HMAC algorithm.
            """
        #expect(
            code(key: [UInt8](repeating: 0xaa, count: 131), data: Array(data.utf8))
                == "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
        )
    }

    @Test func acceptsNonContiguousInput() {
        let code = HMACSHA256.authenticationCode(for: "Hi There".utf8.lazy.map { $0 }, key: repeatElement(UInt8(0x0b), count: 20))
        #expect(code.hex == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(HMACSHA256.byteCount == 32)
    }
}
