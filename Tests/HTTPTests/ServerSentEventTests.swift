import HTTP
import Testing

@Suite struct ServerSentEventTests {
    @Test func dataLinesAndTheDoneMarker() {
        #expect(ServerSentEvent(data: "{\"a\":1}").encoded == Array("data: {\"a\":1}\n\n".utf8))
        #expect(ServerSentEvent.done.encoded == Array("data: [DONE]\n\n".utf8))
    }

    @Test func everyLineBreakStartsADataField() {
        let event = ServerSentEvent(data: "one\ntwo\r\nthree\rfour", event: "update", id: "7")
        #expect(String(decoding: event.encoded, as: UTF8.self)
                == "event: update\nid: 7\ndata: one\ndata: two\ndata: three\ndata: four\n\n")
    }
}
