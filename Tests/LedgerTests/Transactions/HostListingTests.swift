import Testing
import TestSupport
import Wire
@testable import Ledger

@Suite("HostListing")
struct HostListingTests {
    static func listing(adapters: [[UInt8]] = [], endpoint: String = "") -> TransactionKind {
        .hostListing(HostListing(adapterHashes: adapters, pricePerThousandTokens: 3, endpoint: endpoint))
    }

    @Test("256 adapters and a 256-byte endpoint round-trip")
    func atLimits() throws {
        #expect(HostListing.adapterCountMax == 256)
        #expect(HostListing.endpointByteCountMax == 256)
        let adapters = (0..<256).map { [UInt8](repeating: UInt8($0), count: 32) }
        let kind = Self.listing(adapters: adapters, endpoint: String(repeating: "e", count: 256))
        #expect(try TransactionSamples.roundTrip(kind).kind == kind)
    }

    @Test("an empty listing (no adapters, price 0) round-trips")
    func empty() throws {
        let kind = TransactionKind.hostListing(HostListing(adapterHashes: [], pricePerThousandTokens: 0, endpoint: ""))
        #expect(TransactionSamples.bytes(of: kind) == hex("1801" + "820200"))
        #expect(try TransactionSamples.roundTrip(kind).kind == kind)
    }

    @Test("malformed listings are refused", arguments: [
        ("257 adapters", listing(adapters: (0..<257).map { [UInt8](repeating: UInt8($0 % 256), count: 32) })),
        ("31-byte adapter hash", listing(adapters: [TransactionSamples.hash(1), [UInt8](repeating: 2, count: 31)])),
        ("empty adapter hash", listing(adapters: [[]])),
        ("257-byte endpoint", listing(endpoint: String(repeating: "e", count: 257))),
    ])
    func refused(name: String, kind: TransactionKind) {
        #expect(throws: WireError.self, "\(name)") { try TransactionSamples.roundTrip(kind) }
    }
}
