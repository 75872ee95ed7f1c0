import Testing
import TestSupport
import Sodium

@Suite struct ConstantTimeTests {
    @Test func equalBytesAreEqual() {
        #expect(ConstantTime.isEqual([1, 2, 3], [1, 2, 3]))
        #expect(ConstantTime.isEqual([UInt8](), [UInt8]()))
    }

    @Test func anyDifferingByteMakesThemUnequal() {
        let base = [UInt8](repeating: 0x5a, count: 40)
        for index in base.indices {
            var other = base
            other[index] ^= 0x01
            #expect(!ConstantTime.isEqual(base, other))
        }
    }

    @Test func differentLengthsAreUnequal() {
        #expect(!ConstantTime.isEqual([1, 2, 3], [1, 2]))
        #expect(!ConstantTime.isEqual([UInt8](), [0]))
    }

    @Test func mixedCollectionTypesCompareByContent() {
        let bytes: [UInt8] = [0, 1, 2, 3, 4]
        #expect(ConstantTime.isEqual(bytes[1...3], (1...3).map { UInt8($0) }))
        #expect(ConstantTime.isEqual("abc".utf8, [0x61, 0x62, 0x63]))
        #expect(ConstantTime.isEqual(bytes.lazy.map { $0 }, bytes))
    }
}
