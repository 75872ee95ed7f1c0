import Foundation

/// The clock readings of one `oln model run`: the prompt's processing ends when the first
/// token arrives; every later token is one decoding step.
struct RunTiming {
    let promptTokenCount: Int
    private let start = Self.now()
    private var firstToken: Double?
    private var end: Double?

    init(promptTokenCount: Int) {
        self.promptTokenCount = promptTokenCount
    }

    mutating func tokenArrived() {
        if firstToken == nil { firstToken = Self.now() }
    }

    mutating func finish() {
        end = Self.now()
    }

    /// Lines for standard error: prompt tokens/s, generated tokens/s, why generation stopped.
    func report(generatedTokenCount: Int, stopReason: String) -> [String] {
        let end = end ?? Self.now()
        let promptSeconds = (firstToken ?? end) - start
        var lines = ["prompt: \(promptTokenCount) tokens in \(Self.format(promptSeconds)) s "
                     + "(\(Self.rate(promptTokenCount, promptSeconds)) tokens/s)"]
        let decodeSeconds = end - (firstToken ?? end)
        let decodeSteps = max(0, generatedTokenCount - 1)
        lines.append("generated: \(generatedTokenCount) tokens in \(Self.format(end - start)) s, "
                     + "\(Self.rate(decodeSteps, decodeSeconds)) tokens/s after the first; stopped: \(stopReason)")
        return lines
    }

    private static func now() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }

    private static func format(_ seconds: Double) -> String { String(format: "%.3f", seconds) }

    private static func rate(_ count: Int, _ seconds: Double) -> String {
        guard count > 0, seconds > 0 else { return "-" }
        return String(format: "%.1f", Double(count) / seconds)
    }
}
