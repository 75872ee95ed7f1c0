import COpenBLAS

/// The OpenBLAS calls the CPU backend makes, for row-major Float matrices.
enum BLAS {
    /// c[m×n] = a[m×k] · b[n×k]ᵀ: a token-major activation times a row-major weight. Rows
    /// of c are `cStride` apart (≥ n), so c may be a column block of a wider matrix.
    static func multiplyTransposed(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                   into c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, cStride: Int) {
        precondition(cStride >= n, "output stride below its width")
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, blasInt(m), blasInt(n), blasInt(k), 1,
                    a, blasInt(k), b, blasInt(k), 0, c, blasInt(cStride))
    }

    /// y[m] = a[m×n] · x[n].
    static func multiplyVector(_ a: UnsafePointer<Float>, _ x: UnsafePointer<Float>,
                               into y: UnsafeMutablePointer<Float>, m: Int, n: Int) {
        cblas_sgemv(CblasRowMajor, CblasNoTrans, blasInt(m), blasInt(n), 1, a, blasInt(n), x, 1, 0, y, 1)
    }

    /// Sets the threads OpenBLAS uses for every later call in this process.
    static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(count))
    }

    /// The threads OpenBLAS uses.
    static var threadCount: Int { Int(openblas_get_num_threads()) }

    private static func blasInt(_ value: Int) -> blasint {
        guard let narrow = blasint(exactly: value) else {
            preconditionFailure("\(value) exceeds the BLAS integer range")
        }
        return narrow
    }
}
