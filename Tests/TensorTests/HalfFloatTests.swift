import Testing
@testable import Tensor

/// HalfFloat against the standard library's Float16 on all 65,536 bit patterns.
@Suite struct HalfFloatTests {
    @Test func scalarConversionIsExactForEveryPattern() {
        var mismatches = 0
        for bits in 0...UInt16.max {
            let expected = Float(Float16(bitPattern: bits))
            let actual = HalfFloat.float(bits)
            if expected.isNaN ? !actual.isNaN : expected.bitPattern != actual.bitPattern { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test func vectorConversionEqualsScalar() {
        var mismatches = 0
        for start in stride(from: 0, to: 65_536, by: 4) {
            var lanes = SIMD4<UInt32>()
            for lane in 0..<4 { lanes[lane] = UInt32(start + lane) }
            let converted = HalfFloat.floats(lanes)
            for lane in 0..<4 {
                let scalar = HalfFloat.float(UInt16(lanes[lane]))
                if scalar.isNaN ? !converted[lane].isNaN : scalar.bitPattern != converted[lane].bitPattern {
                    mismatches += 1
                }
            }
        }
        #expect(mismatches == 0)
    }
}
