// Checks that the OpenBLAS found through pkg-config links and computes a known product.
import COpenBLAS
import Testing

@Suite("OpenBLAS system library")
struct OpenBLASTests {
    @Test("sgemm multiplies a 2×3 by a 3×2 matrix")
    func matrixProduct() {
        let left: [Float] = [1, 2, 3, 4, 5, 6]        // 2×3, row-major
        let right: [Float] = [7, 8, 9, 10, 11, 12]    // 3×2, row-major
        var product = [Float](repeating: 0, count: 4)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 3, 1, left, 3, right, 2, 0, &product, 2)
        #expect(product == [58, 64, 139, 154])
    }
}
