import Testing
import TestSupport
import Wire
@testable import Ledger

@Suite("Contribute")
struct ContributeTests {
    static func contribute(datanetID: [UInt8] = TransactionSamples.hash(1), contentHash: [UInt8] = TransactionSamples.hash(2), metadata: String = "", licence: String = "") -> TransactionKind {
        .contribute(Contribute(datanetID: datanetID, contentHash: contentHash, byteCount: 10, metadata: metadata, licence: licence, bond: 1))
    }

    @Test("values at the limits round-trip")
    func atLimits() throws {
        #expect(Contribute.metadataByteCountMax == 4096)
        #expect(Contribute.licenceByteCountMax == 128)
        let kind = Self.contribute(metadata: String(repeating: "m", count: 4096), licence: String(repeating: "l", count: 128))
        #expect(try TransactionSamples.roundTrip(kind).kind == kind)
    }

    @Test("malformed contributions are refused", arguments: [
        ("4097-byte metadata", contribute(metadata: String(repeating: "m", count: 4097))),
        ("129-byte licence", contribute(licence: String(repeating: "l", count: 129))),
        ("31-byte datanet id", contribute(datanetID: [UInt8](repeating: 1, count: 31))),
        ("33-byte content hash", contribute(contentHash: [UInt8](repeating: 1, count: 33))),
        ("no datanet id", contribute(datanetID: [])),
        ("no content hash", contribute(contentHash: [])),
    ])
    func refused(name: String, kind: TransactionKind) {
        #expect(throws: WireError.self, "\(name)") { try TransactionSamples.roundTrip(kind) }
    }
}
