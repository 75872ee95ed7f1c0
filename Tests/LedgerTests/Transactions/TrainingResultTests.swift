import Testing
import TestSupport
import Wire
@testable import Ledger

/// `TrainingResult`, `NamedText` and `NamedInteger`.
@Suite("TrainingResult")
struct TrainingResultTests {
    static func result(
        hyperparameters: [NamedText] = [], metrics: [NamedInteger] = [],
        adapterHash: [UInt8] = TransactionSamples.hash(6), gradientStoreRoot: [UInt8] = []
    ) -> TransactionKind {
        .trainingResult(TrainingResult(
            datanetID: TransactionSamples.hash(2), datanetVersion: 1, baseModelHash: TransactionSamples.hash(5),
            hyperparameters: hyperparameters, adapterHash: adapterHash, adapterByteCount: 1,
            metrics: metrics, gradientStoreRoot: gradientStoreRoot
        ))
    }

    @Test("64 hyperparameters and 64 metrics at their length limits round-trip")
    func atLimits() throws {
        #expect(TrainingResult.hyperparameterCountMax == 64)
        #expect(TrainingResult.metricCountMax == 64)
        let text = NamedText(name: String(repeating: "n", count: NamedText.nameByteCountMax), value: String(repeating: "v", count: NamedText.valueByteCountMax))
        let integer = NamedInteger(name: String(repeating: "n", count: NamedInteger.nameByteCountMax), value: .min)
        let kind = Self.result(
            hyperparameters: [NamedText](repeating: text, count: 64), metrics: [NamedInteger](repeating: integer, count: 64),
            gradientStoreRoot: TransactionSamples.hash(8)
        )
        #expect(try TransactionSamples.roundTrip(kind).kind == kind)
    }

    @Test("malformed results are refused", arguments: [
        ("65 hyperparameters", result(hyperparameters: [NamedText](repeating: NamedText(name: "a", value: "b"), count: 65))),
        ("65 metrics", result(metrics: [NamedInteger](repeating: NamedInteger(name: "a", value: 1), count: 65))),
        ("long hyperparameter name", result(hyperparameters: [NamedText(name: String(repeating: "n", count: 65), value: "")])),
        ("long hyperparameter value", result(hyperparameters: [NamedText(name: "", value: String(repeating: "v", count: 257))])),
        ("long metric name", result(metrics: [NamedInteger(name: String(repeating: "n", count: 65), value: 0)])),
        ("no adapter hash", result(adapterHash: [])),
        ("31-byte gradient store root", result(gradientStoreRoot: [UInt8](repeating: 1, count: 31))),
    ])
    func refused(name: String, kind: TransactionKind) {
        #expect(throws: WireError.self, "\(name)") { try TransactionSamples.roundTrip(kind) }
    }

    @Test("up to 15 further datanets round-trip; 16, or one without its id, are refused")
    func additionalDatanets() throws {
        #expect(TrainingResult.additionalDatanetCountMax == 15)
        func result(_ further: [DatanetVersion]) -> TransactionKind {
            .trainingResult(TrainingResult(
                datanetID: TransactionSamples.hash(2), datanetVersion: 1, baseModelHash: TransactionSamples.hash(5),
                hyperparameters: [], adapterHash: TransactionSamples.hash(6), adapterByteCount: 1, metrics: [],
                gradientStoreRoot: [], additionalDatanets: further))
        }
        let fifteen = (0..<15).map { DatanetVersion(datanetID: TransactionSamples.hash(UInt8(20 + $0)), version: UInt64($0)) }
        #expect(try TransactionSamples.roundTrip(result(fifteen)).kind == result(fifteen))
        let sixteen = fifteen + [DatanetVersion(datanetID: TransactionSamples.hash(40), version: 1)]
        #expect(throws: WireError.self) { try TransactionSamples.roundTrip(result(sixteen)) }
        #expect(throws: WireError.self) { try TransactionSamples.roundTrip(result([DatanetVersion(datanetID: [], version: 1)])) }
    }

    @Test("a DatanetVersion encodes as field 1 bytes, field 2 varint")
    func datanetVersionBytes() {
        var writer = ProtobufWriter()
        DatanetVersion(datanetID: [UInt8](repeating: 0xab, count: 32), version: 300).encode(to: &writer)
        #expect(writer.bytes == hex("0a20" + String(repeating: "ab", count: 32) + "10ac02"))
    }

    @Test("a negative metric is a ten-byte varint")
    func negativeMetric() {
        var writer = ProtobufWriter()
        NamedInteger(name: "", value: -1).encode(to: &writer)
        #expect(writer.bytes == hex("10ffffffffffffffffff01"))
    }
}
