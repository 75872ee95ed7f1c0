/// The loss curve as files for people and tools: JSON
/// `{"training":[{"loss":…,"step":…},…],"validation":[…]}` (sorted keys, no whitespace),
/// and an SVG line plot of both curves against the step, with labelled axes.
public enum LossCurveReport {
    /// The curve as JSON.
    public static func json(_ history: LossHistory) -> [UInt8] {
        func points(_ curve: [LossHistory.Point]) -> CanonicalJSON {
            .array(curve.filter { $0.loss.isFinite }.map { .object(["step": .integer(Int64($0.step)), "loss": .number($0.loss)]) })
        }
        return CanonicalJSON.object(["training": points(history.training), "validation": points(history.validation)]).bytes
    }

    /// The curve as an SVG document of `width` × `height` pixels: training loss in blue,
    /// validation loss in orange with a dot per measurement, the step on the x axis and the
    /// loss (nats per token) on the y axis, each with its range written at the ends.
    public static func svg(_ history: LossHistory, width: Int = 800, height: Int = 480) -> String {
        let training = history.training.filter { $0.loss.isFinite }
        let validation = history.validation.filter { $0.loss.isFinite }
        let all = training + validation
        let stepMax = max(1, all.map(\.step).max() ?? 1)
        let lossMax = max(all.map(\.loss).max() ?? 1, 1e-9)
        let lossMin = min(all.map(\.loss).min() ?? 0, lossMax)
        let frame = PlotFrame(width: Double(width), height: Double(height), stepMax: Double(stepMax),
                              lossMin: lossMin, lossMax: lossMax == lossMin ? lossMin + 1 : lossMax)
        var text = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)">
        <rect width="100%" height="100%" fill="white"/>
        <g stroke="black" stroke-width="1">\(frame.axes)</g>
        <g font-family="sans-serif" font-size="12" fill="black">\(frame.labels)</g>

        """
        text += line(training, frame, color: "#1f77b4", dots: false)
        text += line(validation, frame, color: "#ff7f0e", dots: true)
        text += """
        <g font-family="sans-serif" font-size="12"><text x="\(frame.left + 10)" y="\(frame.top + 14)" fill="#1f77b4">training loss</text>
        <text x="\(frame.left + 10)" y="\(frame.top + 30)" fill="#ff7f0e">validation loss</text></g>
        </svg>

        """
        return text
    }

    private static func line(_ curve: [LossHistory.Point], _ frame: PlotFrame, color: String, dots: Bool) -> String {
        guard !curve.isEmpty else { return "" }
        let points = curve.map { "\(format(frame.x($0.step))),\(format(frame.y($0.loss)))" }
        var text = "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" points=\"\(points.joined(separator: " "))\"/>\n"
        if dots {
            for point in curve {
                text += "<circle cx=\"\(format(frame.x(point.step)))\" cy=\"\(format(frame.y(point.loss)))\" r=\"3\" fill=\"\(color)\"/>\n"
            }
        }
        return text
    }

    static func format(_ value: Double) -> String {
        String(Double(Int((value * 10).rounded())) / 10)
    }
}
