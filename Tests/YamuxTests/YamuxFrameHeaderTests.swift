import Testing
import TestSupport
import Yamux

@Suite("YamuxFrameHeader")
struct YamuxFrameHeaderTests {
    /// Headers written out by hand from the field layout of the specification.
    static let knownAnswers: [(YamuxFrameHeader, String)] = [
        (YamuxFrameHeader(type: .windowUpdate, flags: .syn, streamID: 1, length: 0), "00 01 0001 00000001 00000000"),
        (YamuxFrameHeader(type: .windowUpdate, flags: .ack, streamID: 2, length: 0x0004_0000), "00 01 0002 00000002 00040000"),
        (YamuxFrameHeader(type: .data, flags: [], streamID: 3, length: 5), "00 00 0000 00000003 00000005"),
        (YamuxFrameHeader(type: .data, flags: [.syn, .fin], streamID: 0x8000_0001, length: 0x0102_0304),
         "00 00 0005 80000001 01020304"),
        (YamuxFrameHeader(type: .windowUpdate, flags: .rst, streamID: 7, length: 0), "00 01 0008 00000007 00000000"),
        (YamuxFrameHeader(type: .ping, flags: .syn, streamID: 0, length: 0xdead_beef), "00 02 0001 00000000 deadbeef"),
        (YamuxFrameHeader(type: .ping, flags: .ack, streamID: 0, length: 1), "00 02 0002 00000000 00000001"),
        (YamuxFrameHeader(type: .goAway, flags: [], streamID: 0, length: 1), "00 03 0000 00000000 00000001"),
    ]

    @Test("known-answer encodings", arguments: 0..<knownAnswers.count)
    func knownAnswer(index: Int) throws {
        let (header, expected) = Self.knownAnswers[index]
        #expect(header.encoded == hex(expected))
        #expect(try YamuxFrameHeader.decode(hex(expected)[...]) == header)
    }

    @Test("decoding reads the first 12 bytes of a longer slice")
    func decodeFromSlice() throws {
        let bytes = hex("ff ff 00 00 0000 00000009 00000002 6869")
        let header = try YamuxFrameHeader.decode(bytes[2...])
        #expect(header == YamuxFrameHeader(type: .data, streamID: 9, length: 2))
    }

    @Test("every valid type and flag combination round-trips")
    func roundTrip() throws {
        for type in YamuxFrameType.allCases {
            for rawFlags in UInt16(0)...15 {
                let flags = YamuxFlags(rawValue: rawFlags)
                let streamID: UInt32 = type.isStreamFrame ? 5 : 0
                let header = YamuxFrameHeader(type: type, flags: flags, streamID: streamID, length: 77)
                let valid = type.isStreamFrame ? !flags.isSuperset(of: [.syn, .ack])
                    : type == .ping ? (flags == .syn || flags == .ack) : flags.isEmpty
                if valid {
                    #expect(try YamuxFrameHeader.decode(header.encoded[...]) == header)
                } else {
                    #expect(throws: YamuxError.invalidFlags(type: type, flags: rawFlags)) {
                        try YamuxFrameHeader.decode(header.encoded[...])
                    }
                }
            }
        }
    }

    @Test("invalid headers throw the matching error")
    func invalidHeaders() {
        let cases: [(String, YamuxError)] = [
            ("01 00 0000 00000001 00000000", .unsupportedVersion(1)),
            ("00 04 0000 00000001 00000000", .unknownFrameType(4)),
            ("00 00 0010 00000001 00000000", .invalidFlags(type: .data, flags: 0x10)),
            ("00 01 8000 00000001 00000000", .invalidFlags(type: .windowUpdate, flags: 0x8000)),
            ("00 00 0003 00000001 00000000", .invalidFlags(type: .data, flags: 3)),
            ("00 02 0000 00000000 00000000", .invalidFlags(type: .ping, flags: 0)),
            ("00 02 0003 00000000 00000000", .invalidFlags(type: .ping, flags: 3)),
            ("00 03 0004 00000000 00000000", .invalidFlags(type: .goAway, flags: 4)),
            ("00 02 0001 00000001 00000000", .sessionFrameOnStream(type: .ping, streamID: 1)),
            ("00 03 0000 00000002 00000000", .sessionFrameOnStream(type: .goAway, streamID: 2)),
            ("00 00 0000 00000000 00000000", .streamFrameOnSession(type: .data)),
            ("00 01 0001 00000000 00000000", .streamFrameOnSession(type: .windowUpdate)),
        ]
        for (bytes, error) in cases {
            #expect(throws: error) { try YamuxFrameHeader.decode(hex(bytes)[...]) }
        }
    }

    @Test("descriptions name the flags")
    func description() {
        let header = YamuxFrameHeader(type: .windowUpdate, flags: [.syn, .fin], streamID: 3, length: 9)
        #expect(header.description == "window update [SYN FIN] stream 3 length 9")
    }
}
