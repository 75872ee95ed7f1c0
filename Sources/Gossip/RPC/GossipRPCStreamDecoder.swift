import Wire

/// Turns the bytes of one inbound pubsub stream into RPCs: uvarint-length-prefixed
/// frames, each decoded under the same ``GossipRPCLimits``.
///
/// A frame announced longer than `limits.rpcByteCountMax` is refused before its bytes
/// arrive. After any error the stream is unusable; the caller resets it.
public struct GossipRPCStreamDecoder: Sendable {
    /// The limits every RPC is decoded under.
    public let limits: GossipRPCLimits
    private var frames: VarintFrameDecoder

    /// A decoder for a new stream.
    public init(limits: GossipRPCLimits = .standard) {
        self.limits = limits
        self.frames = VarintFrameDecoder(frameByteCountMax: limits.rpcByteCountMax)
    }

    /// Bytes received but not yet part of a complete frame.
    public var bufferedByteCount: Int { frames.bufferedByteCount }

    /// Appends `bytes` and returns every RPC now complete, in order.
    public mutating func append(_ bytes: some Collection<UInt8>) throws(GossipRPCError) -> [GossipRPC] {
        let complete: [[UInt8]]
        do {
            complete = try frames.append(bytes)
        } catch .limitExceeded {
            throw .rpcTooLarge(limit: limits.rpcByteCountMax)
        } catch {
            throw .malformed(error)
        }
        var rpcs: [GossipRPC] = []
        rpcs.reserveCapacity(complete.count)
        for frame in complete {
            rpcs.append(try GossipRPC(protobufBytes: frame, limits: limits))
        }
        return rpcs
    }
}
