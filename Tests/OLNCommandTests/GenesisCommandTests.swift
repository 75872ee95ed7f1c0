import Foundation
import Identity
import Ledger
import Testing
@testable import OLNCommand

@Suite("oln genesis")
struct GenesisCommandTests {
    private func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "oln-genesis-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private let address = IdentityKey().accountAddress.description

    @Test("example prints a spec that check accepts, with the schedule's allocations")
    func exampleThenCheck() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let example = CapturedRun(["genesis", "example", "--address", address, "--chain-id", "7", "--time", "1767225600"])
        #expect(example.code == .success, "\(example.error)")
        let path = directory + "/genesis.json"
        try Data(example.output.utf8).write(to: URL(fileURLWithPath: path))
        let checked = CapturedRun(["genesis", "check", path, "--json"])
        #expect(checked.code == .success, "\(checked.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(checked.output.utf8)) as? [String: Any])
        #expect(object["chain_id"] as? Int == 7)
        let genesis = try Genesis(spec: GenesisSpec.decode(Data(example.output.utf8)))
        #expect(object["genesis_hash"] as? String == genesis.hash.map { String(format: "%02x", $0) }.joined())
        #expect(genesis.allocations.map(\.name) == ["community", "ecosystem", "investors", "team"])
    }

    @Test("example with --validator splits the liquidity share among the validators, with stakes and parameters")
    func exampleValidators() throws {
        let validators = (0..<4).map { _ in IdentityKey().accountAddress.description }
        let example = CapturedRun(["genesis", "example", "--address", validators[0], "--chain-id", "7", "--time", "1767225600",
                                   "--parameter", "slot_milliseconds=1000"] + validators.flatMap { ["--validator", $0] })
        #expect(example.code == .success, "\(example.error)")
        let spec = try GenesisSpec.decode(Data(example.output.utf8))
        let genesis = try Genesis(spec: spec)
        #expect(genesis.stakes.count == 8)
        #expect(Set(spec.accounts.map(\.address)) == Set(validators))
        #expect(genesis.parameters[.slotMilliseconds] == 1_000)
        let bad = CapturedRun(["genesis", "example", "--address", validators[0], "--parameter", "slot_milliseconds"])
        #expect(bad.code == .usage)
        let unknown = CapturedRun(["genesis", "example", "--address", validators[0], "--parameter", "no_such=1"])
        #expect(unknown.code == .failure)
        let twice = CapturedRun(["genesis", "example", "--address", validators[0], "--validator", validators[1],
                                 "--validator", validators[1]])
        #expect(twice.code == .usage)
    }

    @Test("init writes the ledger database once and then only checks it")
    func initialize() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spec = GenesisSpec.scheduleShaped(chainID: 9, genesisTime: 1_767_225_600, address: address)
        let path = directory + "/genesis.json"
        try JSONEncoder().encode(spec).write(to: URL(fileURLWithPath: path))
        let environment = ["OLN_DATA_DIR": directory + "/data"]
        let first = CapturedRun(["genesis", "init", path], environment: environment)
        #expect(first.code == .success, "\(first.error)")
        #expect(FileManager.default.fileExists(atPath: directory + "/data/chain.sqlite"))
        let again = CapturedRun(["genesis", "init", path], environment: environment)
        #expect(again.code == .success)
        #expect(again.output == first.output)

        let other = GenesisSpec.scheduleShaped(chainID: 10, genesisTime: 1_767_225_600, address: address)
        try JSONEncoder().encode(other).write(to: URL(fileURLWithPath: path))
        let mismatch = CapturedRun(["genesis", "init", path], environment: environment)
        #expect(mismatch.code == .failure)
        #expect(mismatch.error.contains("another chain"))
    }

    @Test("a spec that misplaces tokens is refused with the amount missing")
    func supplyMismatch() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var spec = GenesisSpec.scheduleShaped(chainID: 9, genesisTime: 0, address: address)
        spec.accounts[0].balance = "49979999.5"
        let path = directory + "/genesis.json"
        try JSONEncoder().encode(spec).write(to: URL(fileURLWithPath: path))
        let run = CapturedRun(["genesis", "check", path])
        #expect(run.code == .failure)
        #expect(run.error.contains("0.5 missing"), "\(run.error)")
    }

    @Test("usage errors name the problem", arguments: [
        ["genesis"], ["genesis", "bogus"], ["genesis", "example"], ["genesis", "check"],
        ["genesis", "example", "--address", "0x1234"],
    ])
    func usageErrors(arguments: [String]) {
        #expect(CapturedRun(arguments).code == .usage)
    }

    @Test("every genesis subcommand has help")
    func help() {
        for topic in ["genesis", "genesis example", "genesis check", "genesis init"] {
            let run = CapturedRun(topic.split(separator: " ").map(String.init) + ["--help"])
            #expect(run.code == .success)
            #expect(run.output.hasPrefix("Usage: oln \(topic)"))
        }
    }
}
