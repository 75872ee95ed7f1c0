import Testing
import TestSupport
import Wire
@testable import Identity

@Suite("CanonicalMessage")
struct CanonicalMessageTests {
    static let note = TestNote(sequence: 150, text: "hi", tags: ["a", "b"], payload: [1, 2])
    // Worked out by hand from the protobuf encoding rules.
    static let noteBytes = hex("089601" + "12026869" + "1a01611a0162" + "22020102")

    @Test("a value encodes to its known canonical bytes, and decodes back")
    func knownEncoding() throws {
        #expect(Self.note.canonicalBytes == Self.noteBytes)
        #expect(try TestNote.decodeCanonical(Self.noteBytes) == Self.note)
    }

    @Test("default values are left out: the empty note is zero bytes")
    func defaultsOmitted() throws {
        let empty = TestNote(sequence: 0, text: "", tags: [], payload: [])
        #expect(empty.canonicalBytes == [])
        #expect(try TestNote.decodeCanonical([]) == empty)
    }

    @Test("signing bytes are tag length ‖ tag ‖ chain id big-endian ‖ body")
    func signingBytesLayout() {
        let expected = [0x0f] + Array("oln/test-note/1".utf8) + hex("00000000000275b1") + Self.noteBytes
        #expect(Self.note.signingBytes(chainID: 161_201) == expected)
    }

    @Test("non-canonical encodings of the same value are refused", arguments: [
        ("unknown field", "089601" + "12026869" + "1a01611a0162" + "22020102" + "2801"),
        ("overlong varint", "08968100" + "12026869" + "1a01611a0162" + "22020102"),
        ("overlong length", "089601" + "1282006869" + "1a01611a0162" + "22020102"),
        ("fields out of order", "12026869" + "089601" + "1a01611a0162" + "22020102"),
        ("duplicate field", "089601" + "089601" + "12026869" + "1a01611a0162" + "22020102"),
        ("default written out", "0800" + "12026869"),
        ("empty string written out", "089601" + "1200"),
        ("trailing garbage", "089601" + "12026869" + "ff"),
        ("truncated", "089601" + "120268"),
    ])
    func refusesNonCanonical(name: String, encoding: String) {
        #expect(throws: WireError.self, "\(name)") { try TestNote.decodeCanonical(hex(encoding)) }
    }

    @Test("an encoding over the kind's byte limit is refused before parsing")
    func sizeLimit() {
        let large = TestNote(sequence: 1, text: "", tags: [], payload: [UInt8](repeating: 9, count: 5000))
        #expect(throws: WireError.self) { try TestNote.decodeCanonical(large.canonicalBytes) }
    }

    @Test("random values always encode to the same bytes and round-trip (seeded)")
    func deterministicProperty() throws {
        var generator = SeededGenerator.make(for: "CanonicalMessageTests.deterministicProperty")
        for _ in 0..<200 {
            let note = TestNote.random(using: &generator)
            let first = note.canonicalBytes
            #expect(first == note.canonicalBytes)
            let decoded = try TestNote.decodeCanonical(first)
            #expect(decoded == note)
            #expect(decoded.canonicalBytes == first)
        }
    }
}

extension TestNote {
    static func random(using generator: inout SeededGenerator) -> TestNote {
        let alphabet = Array("abcé漢🙂 \n")
        func randomText() -> String {
            String((0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        let sequence = Bool.random(using: &generator) ? 0 : UInt64.random(in: 0...UInt64.max, using: &generator)
        let tags = (0..<Int.random(in: 0...3, using: &generator)).map { _ in randomText() }
        let payload = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return TestNote(sequence: sequence, text: randomText(), tags: tags, payload: payload)
    }
}
