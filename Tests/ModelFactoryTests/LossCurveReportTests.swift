import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ModelFactory

@Suite struct LossCurveReportTests {
    static let history = LossHistory(training: [.init(step: 1, loss: 2.5), .init(step: 2, loss: 1.25)],
                                     validation: [.init(step: 0, loss: 2.75), .init(step: 2, loss: 1.5)])

    @Test func jsonHasBothCurves() throws {
        let bytes = LossCurveReport.json(Self.history)
        #expect(String(decoding: bytes, as: UTF8.self)
                == #"{"training":[{"loss":2.5,"step":1},{"loss":1.25,"step":2}],"validation":[{"loss":2.75,"step":0},{"loss":1.5,"step":2}]}"#)
        let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: [[String: Double]]]
        #expect(object?["validation"]?.count == 2)
    }

    @Test func svgIsWellFormedWithLabelledAxes() throws {
        let svg = LossCurveReport.svg(Self.history)
        // Well-formed XML, checked by Foundation's parser.
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        for label in ["step", "loss (nats/token)", "training loss", "validation loss", "2.750", "1.250", ">2<"] {
            #expect(svg.contains(label), "\(label)")
        }
        #expect(svg.components(separatedBy: "<polyline").count == 3)
        #expect(svg.components(separatedBy: "<circle").count == 3)
        #expect(LossCurveReport.svg(LossHistory()).contains("</svg>"))
    }
}
