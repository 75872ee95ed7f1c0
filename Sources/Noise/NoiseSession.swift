/// The transport phase of a Noise connection: seals outgoing plaintext into frames and
/// opens incoming frames.
///
/// Each direction has its own key and nonce. Outgoing plaintext is split into frames of at
/// most ``plaintextByteCountMax`` bytes; incoming bytes may arrive in any fragments, and an
/// incomplete frame waits in a buffer of at most one frame. Once opening fails, the
/// receiving side is finished and every later `open` repeats the error.
public struct NoiseSession: Sendable {
    /// The largest frame body: the limit of the two-byte length prefix.
    public static let frameByteCountMax = NoiseProtocol.frameBodyByteCountMax
    /// The most plaintext one frame carries: the frame body less the 16-byte tag.
    public static let plaintextByteCountMax = frameByteCountMax - NoiseProtocol.tagByteCount

    /// The cipher for outgoing frames; internal so that tests can move its nonce.
    var sendingCipher: NoiseCipherState
    /// The cipher for incoming frames; internal so that tests can move its nonce.
    var receivingCipher: NoiseCipherState
    /// Incoming bytes that do not yet form a whole frame.
    private var receiveBuffer = NoiseFrameBuffer()
    /// The error that finished the receiving side, if any.
    private var receiveFailure: NoiseError?

    /// A session from the ciphers that the handshake's `Split` produced.
    init(sendingCipher: NoiseCipherState, receivingCipher: NoiseCipherState) {
        precondition(sendingCipher.key != nil && receivingCipher.key != nil, "a session needs keyed ciphers")
        self.sendingCipher = sendingCipher
        self.receivingCipher = receivingCipher
    }

    /// How many received bytes wait for the rest of their frame.
    public var bufferedByteCount: Int { receiveBuffer.byteCount }

    /// Encrypts `plaintext` into as many frames as it needs, ready to send.
    ///
    /// Empty plaintext gives no frames. All frames are sealed or none: when the nonces left
    /// are fewer than the frames needed, nothing is sealed.
    ///
    /// - Throws: `NoiseError.nonceExhausted` when the sending nonce is used up.
    public mutating func seal(_ plaintext: [UInt8]) throws(NoiseError) -> [UInt8] {
        let frameCount = (plaintext.count + Self.plaintextByteCountMax - 1) / Self.plaintextByteCountMax
        guard UInt64(frameCount) <= sendingCipher.remainingNonceCount else { throw .nonceExhausted }
        var output: [UInt8] = []
        let overhead = NoiseProtocol.frameHeaderByteCount + NoiseProtocol.tagByteCount
        output.reserveCapacity(plaintext.count + frameCount * overhead)
        var start = 0
        while start < plaintext.count {
            let end = min(start + Self.plaintextByteCountMax, plaintext.count)
            let body = try sendingCipher.encrypt(plaintext[start..<end], authenticating: [])
            output.append(contentsOf: NoiseFrameBuffer.frame(body))
            start = end
        }
        return output
    }

    /// Takes the next fragment of the incoming stream and returns the plaintext of every frame
    /// it completes, in order; an incomplete frame is kept for the next call.
    ///
    /// - Throws: `NoiseError.frameTooShort` for a frame shorter than its tag,
    ///   `NoiseError.decryptionFailed` for a frame that fails authentication, and
    ///   `NoiseError.nonceExhausted` when the receiving nonce is used up.
    public mutating func open(_ bytes: [UInt8]) throws(NoiseError) -> [UInt8] {
        if let receiveFailure { throw receiveFailure }
        receiveBuffer.append(bytes)
        do throws(NoiseError) {
            return try openCompleteFrames()
        } catch {
            receiveFailure = error
            throw error
        }
    }

    /// Opens every complete frame in the receive buffer.
    private mutating func openCompleteFrames() throws(NoiseError) -> [UInt8] {
        var plaintext: [UInt8] = []
        while let body = try receiveBuffer.nextFrame(bodyByteCountMax: Self.frameByteCountMax, failure: { _ in
            preconditionFailure("a two-byte length never exceeds 65535")
        }) {
            guard body.count >= NoiseProtocol.tagByteCount else { throw .frameTooShort(byteCount: body.count) }
            plaintext.append(contentsOf: try receivingCipher.decrypt(body, authenticating: []))
        }
        return plaintext
    }
}
