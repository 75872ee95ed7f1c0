import Foundation
import Testing
@testable import OLNCommand

@Suite("oln run")
struct RunCommandTests {
    @Test("help describes the command", arguments: [["run", "--help"], ["help", "run"]])
    func help(arguments: [String]) {
        let run = CapturedRun(arguments)
        #expect(run.code == .success)
        #expect(run.output.contains("Usage: oln run"))
    }

    @Test("a directory without a configuration fails and says to run oln init")
    func missing() {
        let run = CapturedRun(["run", "--dir", NSTemporaryDirectory() + "oln-none-\(UUID().uuidString)"])
        #expect(run.code == .failure)
        #expect(run.error.contains("oln init"))
    }

    @Test("an unknown log level is a usage error")
    func logLevel() throws {
        let path = try StatusCommandTests.initialized()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(CapturedRun(["run", "--dir", path, "--log-level", "loud"]).code == .usage)
    }
}
