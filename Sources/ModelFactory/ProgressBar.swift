/// Renders a `TrainingProgress` as one terminal line, for example
/// `step 40/100 [########------------]  40% loss 2.3126 lr 1.80e-04 |g| 0.913 1523 tok/s ETA 1m12s`.
public struct ProgressBar: Sendable {
    /// Characters of the bar between the brackets.
    public let barWidth: Int

    /// A renderer with a bar of `barWidth` characters.
    public init(barWidth: Int = 20) {
        precondition(barWidth > 0, "a bar has width")
        self.barWidth = barWidth
    }

    /// The line (no newline; prefix "\r" to redraw in place).
    public func render(_ progress: TrainingProgress) -> String {
        let fraction = progress.totalSteps > 0 ? Double(progress.step) / Double(progress.totalSteps) : 1
        let filled = min(barWidth, max(0, Int((fraction * Double(barWidth)).rounded(.down))))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled)
        let percent = String(Int((fraction * 100).rounded(.down)))
        return "step \(progress.step)/\(progress.totalSteps) [\(bar)] "
            + String(repeating: " ", count: max(0, 3 - percent.count)) + percent + "% "
            + "loss \(Self.fixed(progress.loss, 4)) lr \(Self.scientific(progress.learningRate)) "
            + "|g| \(Self.fixed(progress.gradientNorm, 3)) \(Int(progress.tokensPerSecond.rounded())) tok/s "
            + "ETA \(Self.duration(progress.estimatedTimeLeft))"
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let whole = scaled / Int64(scale), fraction = String(scaled % Int64(scale))
        return (value < 0 ? "-" : "") + "\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    static func scientific(_ value: Double) -> String {
        guard value.isFinite, value != 0 else { return value == 0 ? "0" : "\(value)" }
        var exponent = 0, mantissa = abs(value)
        while mantissa >= 10 { mantissa /= 10; exponent += 1 }
        while mantissa < 1 { mantissa *= 10; exponent -= 1 }
        if fixed(mantissa, 2) == "10.00" { mantissa /= 10; exponent += 1 }
        let sign = exponent < 0 ? "-" : "+"
        let digits = String(abs(exponent))
        return (value < 0 ? "-" : "") + fixed(mantissa, 2) + "e" + sign + (digits.count < 2 ? "0" : "") + digits
    }

    static func duration(_ duration: Duration) -> String {
        let seconds = max(0, Int(duration.components.seconds))
        let (hours, rest) = seconds.quotientAndRemainder(dividingBy: 3600)
        let (minutes, secondsLeft) = rest.quotientAndRemainder(dividingBy: 60)
        if hours > 0 { return "\(hours)h\(minutes < 10 ? "0" : "")\(minutes)m" }
        if minutes > 0 { return "\(minutes)m\(secondsLeft < 10 ? "0" : "")\(secondsLeft)s" }
        return "\(secondsLeft)s"
    }
}
