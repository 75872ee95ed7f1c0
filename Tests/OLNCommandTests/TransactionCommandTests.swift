import Foundation
import Identity
import Testing
@testable import OLNCommand

@Suite("oln tx")
struct TransactionCommandTests {
    @Test("usage errors name the problem", arguments: [
        ["tx"], ["tx", "send"], ["tx", "transfer", "--amount", "1"], ["tx", "transfer", "--to", "0x00"],
        ["tx", "transfer", "--to", "nonsense", "--amount", "1"],
        ["tx", "transfer", "--to", "0x000000000000000000000000000000000000dEaD", "--amount", "one"],
        ["tx", "transfer", "--to", "0x000000000000000000000000000000000000dEaD", "--amount", "1", "--nonce", "-1"],
    ])
    func usage(arguments: [String]) {
        let run = CapturedRun(arguments)
        #expect(run.code == .usage, "\(arguments): \(run.error)")
    }

    @Test("without a running node (and no --peer) it fails and says how to start one")
    func notRunning() throws {
        let path = try StatusCommandTests.initialized()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = CapturedRun(["tx", "transfer", "--dir", path, "--to", IdentityKey().accountAddress.description, "--amount", "1"])
        #expect(run.code == .failure)
        #expect(run.error.contains("not running"))
    }

    @Test("help for tx and tx transfer", arguments: [["tx", "--help"], ["help", "tx", "transfer"], ["tx", "transfer", "-h"]])
    func help(arguments: [String]) {
        let run = CapturedRun(arguments)
        #expect(run.code == .success)
        #expect(run.output.contains("oln tx transfer"))
    }
}
