import COpenBLAS

/// The single-precision products of the training pass, row-major, on OpenBLAS's sgemm.
/// Each product's shape is named by its operands: `c[m×n] = α·op(a)·op(b) + β·c`, leading
/// dimensions given so that column blocks of wider matrices (one attention head) can be used.
enum MatrixMultiply {
    /// c = α · a · bᵀ + β · c: a [m×k] (rows `aStride` apart), b [n×k] (rows `bStride` apart).
    static func timesTransposed(_ a: UnsafePointer<Float>, aStride: Int, _ b: UnsafePointer<Float>, bStride: Int,
                                into c: UnsafeMutablePointer<Float>, cStride: Int, m: Int, n: Int, k: Int,
                                alpha: Float = 1, beta: Float = 0) {
        gemm(CblasNoTrans, CblasTrans, a, aStride, b, bStride, c, cStride, m, n, k, alpha, beta)
    }

    /// c = α · a · b + β · c: a [m×k], b [k×n].
    static func times(_ a: UnsafePointer<Float>, aStride: Int, _ b: UnsafePointer<Float>, bStride: Int,
                      into c: UnsafeMutablePointer<Float>, cStride: Int, m: Int, n: Int, k: Int,
                      alpha: Float = 1, beta: Float = 0) {
        gemm(CblasNoTrans, CblasNoTrans, a, aStride, b, bStride, c, cStride, m, n, k, alpha, beta)
    }

    /// c = α · aᵀ · b + β · c: a [k×m], b [k×n] (a sum over k rows, e.g. over tokens).
    static func transposedTimes(_ a: UnsafePointer<Float>, aStride: Int, _ b: UnsafePointer<Float>, bStride: Int,
                                into c: UnsafeMutablePointer<Float>, cStride: Int, m: Int, n: Int, k: Int,
                                alpha: Float = 1, beta: Float = 0) {
        gemm(CblasTrans, CblasNoTrans, a, aStride, b, bStride, c, cStride, m, n, k, alpha, beta)
    }

    private static func gemm(_ transposeA: CBLAS_TRANSPOSE, _ transposeB: CBLAS_TRANSPOSE,
                             _ a: UnsafePointer<Float>, _ aStride: Int, _ b: UnsafePointer<Float>, _ bStride: Int,
                             _ c: UnsafeMutablePointer<Float>, _ cStride: Int, _ m: Int, _ n: Int, _ k: Int,
                             _ alpha: Float, _ beta: Float) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            for row in 0..<m { for column in 0..<n { c[row * cStride + column] *= beta } }
            return
        }
        cblas_sgemm(CblasRowMajor, transposeA, transposeB, blasInt(m), blasInt(n), blasInt(k), alpha,
                    a, blasInt(aStride), b, blasInt(bStride), beta, c, blasInt(cStride))
    }

    private static func blasInt(_ value: Int) -> blasint {
        guard let narrow = blasint(exactly: value) else { preconditionFailure("\(value) exceeds the BLAS range") }
        return narrow
    }
}
