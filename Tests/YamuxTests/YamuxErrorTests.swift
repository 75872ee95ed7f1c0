import Testing
import Yamux

@Suite("YamuxError")
struct YamuxErrorTests {
    static let violations: [YamuxError] = [
        .unsupportedVersion(1), .unknownFrameType(9), .invalidFlags(type: .ping, flags: 3),
        .sessionFrameOnStream(type: .goAway, streamID: 4), .streamFrameOnSession(type: .data),
        .wrongStreamParity(streamID: 2), .streamIDReuse(streamID: 3), .unknownStream(streamID: 11),
        .dataAfterFin(streamID: 5), .windowExceeded(streamID: 1, byteCount: 10, windowByteCount: 4),
        .frameTooLarge(streamID: 1, byteCount: 10, byteCountMax: 4),
    ]

    static let operationErrors: [YamuxError] = [
        .sessionFailed, .goingAway, .tooManyStreams(streamCountMax: 4), .streamIDsExhausted,
        .streamNotWritable(streamID: 3), .sendQueueFull(streamID: 3, queuedByteCount: 10, byteCountMax: 12),
    ]

    @Test("every violation kind has a case, kinds are distinct, and local refusals are no violations")
    func kinds() {
        #expect(Set(Self.violations.compactMap(\.violation)) == Set(YamuxViolation.allCases))
        #expect(Self.violations.allSatisfy { $0.violation != nil })
        #expect(Self.operationErrors.allSatisfy { $0.violation == nil })
    }

    @Test("descriptions are sentences")
    func sentences() {
        let descriptions = Self.violations.map(\.description) + Self.operationErrors.map(\.description)
        for description in descriptions {
            #expect(description.first?.isUppercase == true)
            #expect(description.hasSuffix("."))
        }
        #expect(Set(descriptions).count == descriptions.count)
    }
}
