/// Reassembles frames (`length[2, big-endian] ‖ body[length]`) from stream fragments.
///
/// Complete frames are taken out as soon as the caller asks for them, so between calls the
/// buffer holds at most one incomplete frame: 2 + 65535 bytes.
struct NoiseFrameBuffer: Sendable {
    /// Bytes received; those before `start` have already been taken out as frames.
    private var pending: [UInt8] = []
    /// The index of the first byte not yet taken out.
    private var start = 0

    /// An empty buffer.
    init() {}

    /// How many bytes are waiting.
    var byteCount: Int { pending.count - start }

    /// Adds the next fragment of the stream, first dropping the frames already taken out.
    mutating func append(_ fragment: some Collection<UInt8>) {
        if start > 0 {
            pending.removeFirst(start)
            start = 0
        }
        pending.append(contentsOf: fragment)
    }

    /// The body of the next frame, or nil while it is incomplete.
    ///
    /// - Throws: `failure(length)` as soon as a header announces a body longer than
    ///   `bodyByteCountMax`, without waiting for the body.
    mutating func nextFrame(
        bodyByteCountMax: Int,
        failure: (Int) -> NoiseError
    ) throws(NoiseError) -> [UInt8]? {
        let header = NoiseProtocol.frameHeaderByteCount
        guard byteCount >= header else { return nil }
        let bodyByteCount = Int(pending[start]) << 8 | Int(pending[start + 1])
        guard bodyByteCount <= bodyByteCountMax else { throw failure(bodyByteCount) }
        guard byteCount - header >= bodyByteCount else { return nil }
        let bodyStart = start + header
        start = bodyStart + bodyByteCount
        return Array(pending[bodyStart..<start])
    }

    /// All waiting bytes, leaving the buffer empty.
    mutating func takeAll() -> [UInt8] {
        defer {
            pending = []
            start = 0
        }
        return Array(pending[start...])
    }

    /// Frames `body`, which must fit in one frame.
    static func frame(_ body: [UInt8]) -> [UInt8] {
        precondition(body.count <= NoiseProtocol.frameBodyByteCountMax, "a Noise frame body has at most 65535 bytes")
        return [UInt8(truncatingIfNeeded: body.count >> 8), UInt8(truncatingIfNeeded: body.count)] + body
    }
}
