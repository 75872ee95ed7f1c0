import IO
import Testing

@Suite("IOError")
struct IOErrorTests {
    // libuv's texts and names (uv_strerror, uv_err_name in libuv's uv-common.c error map).
    @Test("system errors read as libuv's text and name", arguments: [
        (IOError.connectionRefused, "connection refused (ECONNREFUSED)", "ECONNREFUSED"),
        (IOError.connectionReset, "connection reset by peer (ECONNRESET)", "ECONNRESET"),
        (IOError.brokenPipe, "broken pipe (EPIPE)", "EPIPE"),
        (IOError.addressInUse, "address already in use (EADDRINUSE)", "EADDRINUSE"),
        (IOError.addressNotAvailable, "address not available (EADDRNOTAVAIL)", "EADDRNOTAVAIL"),
    ])
    func systemText(error: IOError, description: String, name: String) {
        #expect(error.description == description)
        #expect(error.name == name)
    }

    @Test("an unknown code still has a text")
    func unknownCode() {
        let error = IOError.system(code: -99_999)
        #expect(error.description.contains("99999"))
    }

    @Test("errors of this module describe themselves")
    func ownErrors() {
        #expect(IOError.timedOut.description == "operation timed out")
        #expect(IOError.invalidAddress("localhost").description == "invalid address \"localhost\": not an IPv4 or IPv6 literal")
        #expect(IOError.closed.description == "the event loop is closed")
        #expect(IOError.connectionLimitReached.name == "connectionLimitReached")
        #expect(IOError.connectionRefused != IOError.connectionReset)
    }
}
