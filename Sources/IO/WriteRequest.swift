import CLibUV

/// A libuv write request and a copy of the bytes it writes, in one allocation that
/// Swift never moves:
///
///     uv_write_t ‖ byte count (Int) ‖ payload[byte count]
enum WriteRequest {
    private static let byteCountOffset = MemoryLayout<uv_write_t>.stride
    private static let payloadOffset = byteCountOffset + MemoryLayout<Int>.stride

    /// Allocates a request holding a copy of `bytes` (which must not be empty).
    static func make(copying bytes: [UInt8]) -> UnsafeMutablePointer<uv_write_t> {
        precondition(MemoryLayout<uv_write_t>.stride % MemoryLayout<Int>.alignment == 0)
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: payloadOffset + bytes.count,
            alignment: max(MemoryLayout<uv_write_t>.alignment, MemoryLayout<Int>.alignment)
        )
        (raw + byteCountOffset).initializeMemory(as: Int.self, to: bytes.count)
        bytes.withUnsafeBytes { source in
            (raw + payloadOffset).copyMemory(from: source.baseAddress!, byteCount: source.count)
        }
        return raw.bindMemory(to: uv_write_t.self, capacity: 1)
    }

    /// The number of payload bytes in `request`.
    static func byteCount(of request: UnsafeMutablePointer<uv_write_t>) -> Int {
        (UnsafeMutableRawPointer(request) + byteCountOffset).load(as: Int.self)
    }

    /// A libuv buffer that points at the request's payload.
    static func buffer(of request: UnsafeMutablePointer<uv_write_t>) -> uv_buf_t {
        let payload = (UnsafeMutableRawPointer(request) + payloadOffset).assumingMemoryBound(to: CChar.self)
        return uv_buf_t(base: payload, len: byteCount(of: request))
    }

    /// Frees the request and its payload.
    static func deallocate(_ request: UnsafeMutablePointer<uv_write_t>) {
        UnsafeMutableRawPointer(request).deallocate()
    }
}
