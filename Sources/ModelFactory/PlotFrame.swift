/// The geometry of the loss plot: margins, data-to-pixel mapping, axes and their labels.
struct PlotFrame {
    let width: Double, height: Double
    let stepMax: Double, lossMin: Double, lossMax: Double
    let left = 70.0, right = 20.0, top = 20.0, bottom = 50.0

    func x(_ step: Int) -> Double { left + Double(step) / stepMax * (width - left - right) }

    func y(_ loss: Double) -> Double { top + (lossMax - loss) / (lossMax - lossMin) * (height - top - bottom) }

    var axes: String {
        let baseline = height - bottom
        return "<line x1=\"\(left)\" y1=\"\(baseline)\" x2=\"\(width - right)\" y2=\"\(baseline)\"/>"
            + "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(baseline)\"/>"
    }

    var labels: String {
        let baseline = height - bottom
        let middleX = left + (width - left - right) / 2, middleY = top + (baseline - top) / 2
        return "<text x=\"\(left)\" y=\"\(baseline + 16)\" text-anchor=\"middle\">0</text>"
            + "<text x=\"\(width - right)\" y=\"\(baseline + 16)\" text-anchor=\"middle\">\(Int(stepMax))</text>"
            + "<text x=\"\(middleX)\" y=\"\(height - 10)\" text-anchor=\"middle\">step</text>"
            + "<text x=\"\(left - 6)\" y=\"\(baseline)\" text-anchor=\"end\">\(Self.short(lossMin))</text>"
            + "<text x=\"\(left - 6)\" y=\"\(top + 10)\" text-anchor=\"end\">\(Self.short(lossMax))</text>"
            + "<text x=\"16\" y=\"\(middleY)\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(middleY))\">"
            + "loss (nats/token)</text>"
    }

    /// A loss with three decimals.
    static func short(_ value: Double) -> String {
        let scaled = Int((value * 1000).rounded())
        let sign = scaled < 0 ? "-" : ""
        let magnitude = abs(scaled)
        let fraction = String(magnitude % 1000)
        return sign + String(magnitude / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
