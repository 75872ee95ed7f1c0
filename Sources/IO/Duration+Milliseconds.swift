extension Duration {
    /// The duration in whole milliseconds, rounded up (libuv timers count milliseconds),
    /// saturating at `UInt64.max`. Negative durations are a programmer error.
    var roundedUpMilliseconds: UInt64 {
        let (seconds, attoseconds) = components
        precondition(seconds >= 0 && attoseconds >= 0, "negative duration \(self)")
        let attosecondsPerMillisecond: Int64 = 1_000_000_000_000_000
        let (fraction, remainder) = attoseconds.quotientAndRemainder(dividingBy: attosecondsPerMillisecond)
        let partial = UInt64(fraction) + (remainder > 0 ? 1 : 0)
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000)
        guard !overflow else { return .max }
        let (total, sumOverflow) = whole.addingReportingOverflow(partial)
        return sumOverflow ? .max : total
    }
}
