import Foundation
import Identity
import Testing
@testable import OLNCommand

@Suite("oln keys")
struct KeysCommandTests {
    private func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "oln-keys-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("generate --out writes a 0600 key; show prints the same peer id and address")
    func generateThenShow() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/a.key"
        let generated = CapturedRun(["keys", "generate", "--out", path])
        #expect(generated.code == .success, "\(generated.error)")
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions.map { $0 & 0o777 } == 0o600)
        let key = try KeyFile.read(from: path)
        #expect(generated.output.contains("peer id:  \(key.peerID)"))
        #expect(generated.output.contains("address:  \(key.accountAddress)"))
        #expect(key.peerID.description.hasPrefix("12D3KooW"))

        let shown = CapturedRun(["keys", "show", path])
        #expect(shown.code == .success)
        #expect(shown.output == generated.output)
    }

    @Test("without --out the key goes to $OLN_DATA_DIR/node.key, and is not overwritten")
    func defaultLocation() throws {
        let directory = try temporaryDirectory() + "/data"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let environment = ["OLN_DATA_DIR": directory]
        let first = CapturedRun(["keys", "generate"], environment: environment)
        #expect(first.code == .success, "\(first.error)")
        #expect(FileManager.default.fileExists(atPath: directory + "/node.key"))
        let again = CapturedRun(["keys", "generate"], environment: environment)
        #expect(again.code == .failure)
        #expect(again.error.contains("already exists"))
        let shown = CapturedRun(["keys", "show"], environment: environment)
        #expect(shown.output == first.output)
        let forced = CapturedRun(["keys", "generate", "--force"], environment: environment)
        #expect(forced.code == .success)
        #expect(forced.output != first.output)
    }

    @Test("--json prints one parseable object")
    func json() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = CapturedRun(["keys", "generate", "--json", "--out=\(directory)/k.key"])
        #expect(run.code == .success)
        let object = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: String]
        let key = try KeyFile.read(from: directory + "/k.key")
        #expect(object?["peer_id"] == key.peerID.description)
        #expect(object?["address"] == key.accountAddress.description)
        #expect(object?["file"] == directory + "/k.key")
    }

    @Test("show refuses a key file others can read, and says how to fix it")
    func refusesOpenKeyFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/open.key"
        #expect(CapturedRun(["keys", "generate", "--out", path]).code == .success)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let run = CapturedRun(["keys", "show", path])
        #expect(run.code == .failure)
        #expect(run.error.contains("can be read by other users"))
        #expect(run.error.contains("chmod 600 \(path)"))
        #expect(run.output.isEmpty)
    }

    @Test("show of a missing file says how to create one")
    func missingFile() {
        let run = CapturedRun(["keys", "show", "/nonexistent/oln/node.key"])
        #expect(run.code == .failure)
        #expect(run.error.contains("oln keys generate --out /nonexistent/oln/node.key"))
    }
}
