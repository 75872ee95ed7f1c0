import Identity
import Testing
import TestSupport
import Wire
@testable import Ledger

/// `ProtobufWriter.writeAmount` and the `ProtobufField` accessors for amounts, hashes and
/// addresses.
@Suite("Amount coding")
struct AmountCodingTests {
    static func written(_ amount: UInt128) -> [UInt8] {
        var writer = ProtobufWriter()
        writer.writeAmount(amount, field: 1)
        return writer.bytes
    }

    static func field(_ bytes: [UInt8]) -> ProtobufField {
        ProtobufField(number: 1, value: .lengthDelimited(bytes))
    }

    @Test("amounts are big-endian without leading zero bytes; zero writes nothing", arguments: [
        (UInt128(0), ""),
        (UInt128(1), "0a0101"),
        (UInt128(255), "0a01ff"),
        (UInt128(256), "0a020100"),
        (UInt128(1_000_000_000_000_000_000), "0a080de0b6b3a7640000"),
        (UInt128(1) << 64, "0a09010000000000000000"),
        (UInt128.max, "0a10ffffffffffffffffffffffffffffffff"),
    ])
    func knownAmounts(amount: UInt128, encoding: String) throws {
        #expect(Self.written(amount) == hex(encoding))
        if amount != 0 {
            #expect(try Self.field(Array(hex(encoding).dropFirst(2))).amount() == amount)
        }
    }

    @Test("malformed amounts are refused", arguments: [
        ("empty", ""),
        ("leading zero", "0001"),
        ("zero byte", "00"),
        ("17 bytes", "01" + String(repeating: "00", count: 16)),
    ])
    func malformedAmounts(name: String, bytes: String) {
        #expect(throws: WireError.self, "\(name)") { try Self.field(hex(bytes)).amount() }
    }

    @Test("an amount field with the wrong wire type is refused")
    func wrongWireType() {
        #expect(throws: WireError.self) { try ProtobufField(number: 2, value: .varint(5)).amount() }
    }

    @Test("hashes are exactly 32 bytes", arguments: [0, 1, 31, 33, 64])
    func hashSizes(count: Int) throws {
        #expect(throws: WireError.self) { try Self.field([UInt8](repeating: 1, count: count)).hash32() }
        #expect(try Self.field([UInt8](repeating: 1, count: 32)).hash32().count == 32)
    }

    @Test("account addresses are exactly 20 bytes", arguments: [0, 19, 21, 32])
    func addressSizes(count: Int) throws {
        #expect(throws: WireError.self) { try Self.field([UInt8](repeating: 1, count: count)).accountAddress() }
        #expect(try Self.field([UInt8](repeating: 1, count: 20)).accountAddress().bytes == [UInt8](repeating: 1, count: 20))
    }

    @Test("bounded strings refuse one byte too many and invalid UTF-8")
    func boundedStrings() throws {
        #expect(try Self.field(Array("abcd".utf8)).string(byteCountMax: 4, what: "text") == "abcd")
        #expect(throws: WireError.limitExceeded("text, in bytes,", limit: 3)) {
            try Self.field(Array("abcd".utf8)).string(byteCountMax: 3, what: "text")
        }
        #expect(throws: WireError.invalidUTF8(field: 1)) { try Self.field([0xc3]).string(byteCountMax: 4, what: "text") }
    }

    @Test("random amounts round-trip (seeded)")
    func randomAmounts() throws {
        var generator = SeededGenerator.make(for: "AmountCodingTests.randomAmounts")
        for _ in 0..<1000 {
            let amount = TransactionSamples.randomAmount(using: &generator)
            let bytes = Self.written(amount)
            guard amount != 0 else {
                #expect(bytes.isEmpty)
                continue
            }
            #expect(bytes[2] != 0)
            #expect(try Self.field(Array(bytes.dropFirst(2))).amount() == amount)
        }
    }
}
