import Foundation
import Identity
import Testing
@testable import OLNCommand

/// Runs `oln` in-process with captured output.
final class CapturedRun: @unchecked Sendable {
    var output = ""
    var error = ""
    var code = ExitCode.success

    init(_ arguments: [String], environment: [String: String] = [:]) {
        let console = Console(output: { self.output += $0 }, error: { self.error += $0 })
        code = OLNCommand.run(arguments, environment: environment, console: console)
    }
}

@Suite("oln command line")
struct OLNCommandTests {
    @Test("--help and no arguments print the overview", arguments: [["--help"], ["-h"], [], ["help"]])
    func help(arguments: [String]) {
        let run = CapturedRun(arguments)
        #expect(run.code == .success)
        #expect(run.output.contains("Usage: oln <command>"))
        #expect(run.output.contains("keys generate"))
        #expect(run.error.isEmpty)
    }

    @Test("--version and version print the version", arguments: [["--version"], ["-V"], ["version"]])
    func version(arguments: [String]) {
        let run = CapturedRun(arguments)
        #expect(run.code == .success)
        #expect(run.output == "oln \(OLNCommand.version)\n")
    }

    @Test("every command has help", arguments: [
        ["help", "keys"], ["help", "keys", "generate"], ["keys", "--help"], ["keys", "generate", "--help"],
        ["keys", "show", "-h"], ["help", "version"],
    ])
    func commandHelp(arguments: [String]) {
        let run = CapturedRun(arguments)
        #expect(run.code == .success)
        #expect(run.output.contains("Usage: oln"))
    }

    @Test("bad usage exits 2 and points to the help", arguments: [
        (["frobnicate"], "unknown command 'frobnicate'"),
        (["--frobnicate"], "unknown option '--frobnicate'"),
        (["keys"], "needs a subcommand"),
        (["keys", "rotate"], "unknown subcommand 'keys rotate'"),
        (["keys", "generate", "--out"], "--out needs a value"),
        (["keys", "generate", "--bogus"], "unknown option '--bogus'"),
        (["keys", "show", "a", "b"], "unexpected argument 'b'"),
        (["help", "nothing"], "no help for 'nothing'"),
    ])
    func usageErrors(arguments: [String], message: String) {
        let run = CapturedRun(arguments)
        #expect(run.code == .usage)
        #expect(run.error.contains(message), "\(run.error)")
        #expect(run.error.contains("--help' for usage"))
        #expect(run.output.isEmpty)
    }
}
