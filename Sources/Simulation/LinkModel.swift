/// How a simulated link carries bytes: a one-way latency drawn uniformly from a range, a
/// bandwidth that spaces out large messages, and a chance that a message is lost.
public struct LinkModel: Sendable, Equatable {
    public var latencyMin: Duration
    public var latencyMax: Duration
    /// Bytes per second; nil for unlimited.
    public var bandwidth: Int?
    /// The probability in 0...1 that a message is lost.
    public var lossProbability: Double

    public init(latencyMin: Duration, latencyMax: Duration, bandwidth: Int? = nil, lossProbability: Double = 0) {
        precondition(latencyMin >= .zero && latencyMax >= latencyMin, "latency range must be ordered and non-negative")
        precondition((0...1).contains(lossProbability), "loss probability is a fraction")
        precondition(bandwidth.map { $0 > 0 } ?? true, "bandwidth must be positive")
        self.latencyMin = latencyMin
        self.latencyMax = latencyMax
        self.bandwidth = bandwidth
        self.lossProbability = lossProbability
    }

    /// The latency of one message.
    func latency(using random: inout SimulationRandom) -> Duration {
        latencyMin + (latencyMax - latencyMin) * random.nextFraction()
    }

    /// How long `byteCount` bytes occupy the link.
    func transmission(of byteCount: Int) -> Duration {
        guard let bandwidth else { return .zero }
        return .seconds(Double(byteCount) / Double(bandwidth))
    }
}
