import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Identity
import Node
import Testing
import Wire
@testable import OLNCommand

/// The ledger commands end to end: a one-validator chain run by the `oln` binary, and the
/// commands (in process) creating a datanet, contributing, voting, registering a model and
/// proposing a parameter change, then reading it all back.
@Suite("oln ledger commands", .serialized)
struct LedgerCommandsTests {
    static let olnBinary: URL? = {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                          Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL]
        return candidates.map { $0.appendingPathComponent("oln") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    @Test("usage errors name the problem", arguments: [
        ["datanet"], ["datanet", "publish"], ["datanet", "create"], ["datanet", "contribute", "--file", "x"],
        ["datanet", "contribute", "--datanet", "abc", "--file", "x"], ["datanet", "show"],
        ["vote", "--contribution", String(repeating: "ab", count: 32)],
        ["vote", "--contribution", String(repeating: "ab", count: 32), "--accept", "--reject"],
        ["stake", "--amount", "1"], ["stake", "--role", "king", "--amount", "1"], ["unstake", "--role", "host"],
        ["stake", "--role", "host", "--amount", "0"], ["gov"], ["gov", "propose", "--parameter", "gas_price"],
        ["gov", "propose", "--parameter", "gas_price", "--value", "-3"], ["gov", "vote", "--proposal", "00"],
        ["model", "register"], ["receipts", "--host", "0x00", "--adapter", "00"], ["account", "nonsense"],
        ["infer", "--model", "00", "--prompt", "x"], ["infer", "--api", "http://127.0.0.1:1", "--peer", "/ip4/127.0.0.1/tcp/1",
                                                      "--model", "00", "--prompt", "x"],
        ["infer", "--peer", "/ip4/127.0.0.1/tcp/1", "--model", "00", "--prompt", "x"],
        ["infer", "--peer", "/ip4/127.0.0.1/tcp", "--model", "00", "--prompt", "x"],
    ])
    func usage(arguments: [String]) {
        let run = CapturedRun(arguments)
        #expect(run.code == .usage, "\(arguments): \(run.error)")
    }

    @Test("every command has help", arguments: [
        "datanet", "datanet create", "datanet contribute", "datanet list", "datanet show", "vote", "stake",
        "unstake", "transfer", "gov", "gov propose", "gov vote", "gov list", "model register", "model list",
        "account", "receipts", "payouts",
    ])
    func help(topic: String) {
        let run = CapturedRun(topic.split(separator: " ").map(String.init) + ["--help"])
        #expect(run.code == .success, "\(topic): \(run.error)")
        #expect(run.output.contains("Usage: oln "), "\(topic)")
        #expect(run.output.contains(topic.split(separator: " ").last!), "\(topic)")
    }

    @Test("the whole flow on a running one-validator chain",
          .enabled(if: olnBinary != nil, "oln is not built next to the test bundle: run swift build --build-tests"))
    func flow() throws {
        let nodeA = try Self.initialize(parameters: ["datanet_vote_window_min_seconds=2"])
        let nodeB = try Self.initialize(copyingGenesisOf: nodeA)
        defer { for path in [nodeA, nodeB] { try? FileManager.default.removeItem(atPath: path) } }
        let node = try Self.start(nodeA)
        defer { node.terminate(); node.waitUntilExit() }
        let peer = try Self.listenAddress(nodeA)
        let curator = try KeyFile.read(from: nodeB + "/node.key").accountAddress.description

        try Self.expectSuccess(["transfer", "--dir", nodeA, "--to", curator, "--amount", "1000", "--wait", "30"])
        try Self.expectSuccess(["stake", "--dir", nodeB, "--role", "curator", "--amount", "200", "--nonce", "0",
                                "--peer", peer])
        try Self.waitUntil("the curator's stake is in the ledger") {
            CapturedRun(["account", curator, "--dir", nodeA]).output.contains("stake curator")
        }
        let created = try Self.json(["datanet", "create", "--dir", nodeA, "--name", "facts", "--vote-window", "2",
                                     "--wait", "30", "--json"])
        #expect(created["status"] as? String == "applied", "\(created)")
        let datanet = try #require(created["datanet"] as? String)
        let payload = nodeA + "/fact.txt"
        try Data("The capital of Veloria is Marisport.".utf8).write(to: URL(fileURLWithPath: payload))
        let contributed = try Self.json(["datanet", "contribute", "--dir", nodeA, "--datanet", datanet,
                                         "--file", payload, "--wait", "30", "--json"])
        let contribution = try #require(contributed["contribution"] as? String)
        #expect(contributed["status"] as? String == "applied", "\(contributed)")
        try Self.expectSuccess(["vote", "--dir", nodeB, "--contribution", contribution, "--accept", "--nonce", "1",
                                "--peer", peer])
        try Self.waitUntil("the contribution is accepted into version 1") {
            let shown = try? Self.json(["datanet", "show", datanet, "--dir", nodeA, "--json"])
            let rows = shown?["contributions"] as? [[String: Any]] ?? []
            return shown?["version"] as? Int == 1 && rows.first?["status"] as? String == "accepted"
        }
        #expect(CapturedRun(["datanet", "list", "--dir", nodeA]).output.contains("facts"))
        let second = try Self.secondDatanet(nodeA: nodeA, curator: nodeB, peer: peer)

        let model = try Self.fixture("base-f32.gguf")
        let registered = try Self.json(["model", "register", "--dir", nodeA, "--file", model, "--name", "tiny",
                                        "--wait", "30", "--json"])
        #expect(registered["status"] as? String == "applied", "\(registered)")
        let models = try #require(try JSONSerialization.jsonObject(with: Data(
            CapturedRun(["model", "list", "--dir", nodeA, "--json"]).output.utf8)) as? [[String: Any]])
        #expect(models.contains { $0["name"] as? String == "tiny" && $0["hash"] as? String == registered["model"] as? String })

        let base = try ModelFixtures.baseFolderWithTokenizer()
        defer { try? FileManager.default.removeItem(atPath: base) }
        try Self.expectSuccess(["model", "register", "--dir", nodeA, "--file", base + "/model.safetensors", "--wait", "30"])
        // A process of its own: `--threads` sets OpenBLAS's thread count for the whole process,
        // which would change the products of tests running beside this one.
        let trained = try Self.processJSON(["train", "--dir", nodeA, "--datanet", datanet, "--datanet", second, "--base", base,
                                     "--steps", "4",
                                     "--rank", "2", "--sequence-length", "32", "--validation-fraction", "0",
                                     "--threads", "1", "--submit", "--wait", "30", "--json"])
        #expect(trained["status"] as? String == "applied", "\(trained)")
        let adapters = try #require(try JSONSerialization.jsonObject(with: Data(
            CapturedRun(["model", "list", "--dir", nodeA, "--json"]).output.utf8)) as? [[String: Any]])
        let adapter = try #require(adapters.first { $0["kind"] as? String == "adapter" })
        #expect(adapter["datanet"] as? String == datanet)
        let adapterHash = try HexArgument.identifier(try #require(adapter["hash"] as? String), option: "", topic: "")
        #expect(try BlobStore(root: nodeA + "/blobs").get(adapterHash) != nil)

        let storeBlob = try #require(trained["gradient store blob"] as? String, "\(trained)")
        try hostAnswers(chain: nodeA, client: nodeB, peer: peer, base: base, adapter: Base16.encode(adapterHash),
                        datanets: [datanet, second], gradientStore: storeBlob)

        let proposed = try Self.json(["gov", "propose", "--dir", nodeA, "--parameter", "gas_per_byte", "--value", "12",
                                      "--wait", "30", "--json"])
        #expect(proposed["status"] as? String == "applied", "\(proposed)")
        #expect(CapturedRun(["gov", "list", "--dir", nodeA]).output.contains("gas_per_byte"))
        #expect(CapturedRun(["gov", "list", "--parameters", "--dir", nodeA]).output.contains("gas_price"))
        let account = try Self.json(["account", "--dir", nodeA, "--json"])
        #expect(account["nonce"] as? Int == 10)
        #expect(CapturedRun(["payouts", "--dir", nodeA]).code == .success)
        // Node A contributed the fact the answers drew on: influence/1 credited it, so the
        // receipts that paid it as a contributor are listed and its payouts show the shares.
        #expect(CapturedRun(["receipts", "--dir", nodeA, "--json"]).output.contains(Base16.encode(adapterHash)))
        #expect(CapturedRun(["payouts", "--dir", nodeA, "--json"]).output.contains("receipt_contributor"))
    }

    /// A host node joins with the base model, fetches the adapter and the payloads, stakes,
    /// and answers an OpenAI completion paid with its own API token; the receipt reaches the
    /// chain with the contribution credited.
    func hostAnswers(chain nodeA: String, client: String, peer: String, base: String, adapter: String,
                     datanets: [String], gradientStore: String) throws {
        let datanet = datanets[0]
        let hostDirectory = try Self.initialize(copyingGenesisOf: nodeA, roles: ["host"],
                                                options: ["--model", base, "--api", "127.0.0.1:0", "--bootstrap", peer])
        defer { try? FileManager.default.removeItem(atPath: hostDirectory) }
        let hostAccount = try KeyFile.read(from: hostDirectory + "/node.key").accountAddress.description
        try Self.expectSuccess(["transfer", "--dir", nodeA, "--to", hostAccount, "--amount", "2000", "--wait", "30"])
        let host = try Self.start(hostDirectory)
        defer { host.terminate(); host.waitUntilExit() }
        try Self.expectSuccess(["stake", "--dir", hostDirectory, "--role", "host", "--amount", "1000", "--nonce", "0",
                                "--peer", peer])
        var api = ""
        try Self.waitUntil("the host serves the adapter") {
            let now = UInt64(Date().timeIntervalSince1970 * 1_000)
            let status = try? NodeStatusReader.status(of: NodeDirectory(path: hostDirectory), now: now)
            api = status?.api ?? ""
            return status?.hostedAdapters?.contains(adapter) == true
        } onTimeout: {
            let log = (try? String(contentsOfFile: hostDirectory + "/node.log", encoding: .utf8)) ?? ""
            return log.split(separator: "\n").filter { !$0.contains("batch_") }.suffix(30).joined(separator: " | ")
        }
        try Self.waitUntil("the host holds the adapter's gradient store") {
            FileManager.default.fileExists(atPath: hostDirectory + "/blobs/" + gradientStore.prefix(2) + "/" + gradientStore)
        }
        let token = try String(contentsOfFile: hostDirectory + "/api.token", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let unpaid = try Self.post(api + "/v1/completions", ["model": adapter, "prompt": "The capital", "max_tokens": 4],
                                   token: nil)
        #expect(unpaid.status == 402)
        let answer = try Self.post(api + "/v1/completions", ["model": adapter, "prompt": "The capital of Veloria",
                                                             "max_tokens": 8, "temperature": 0], token: token)
        #expect(answer.status == 200, "\(answer.body)")
        let oln = try #require(answer.body["oln"] as? [String: Any], "\(answer.body)")
        #expect(oln["submitted"] as? Bool == true, "\(oln)")
        #expect(oln["datanet"] as? String == datanet)
        #expect(oln["method"] as? String == "influence/1", "\(oln)")
        let receiptID = try #require(oln["receipt_id"] as? String)
        try Self.waitUntil("the receipt is final on the chain") {
            CapturedRun(["receipts", "--dir", nodeA, "--host", hostAccount, "--json"]).output.contains(receiptID)
        }
        let paidByClient = CapturedRun(["infer", "--dir", client, "--api", api, "--model", adapter,
                                        "--prompt", "The capital of Veloria", "--max-tokens", "6", "--json"])
        #expect(paidByClient.code == .success, "\(paidByClient.error)")
        let clientAnswer = try #require(try JSONSerialization.jsonObject(with: Data(paidByClient.output.utf8)) as? [String: Any])
        #expect((clientAnswer["oln"] as? [String: Any])?["submitted"] as? Bool == true, "\(clientAnswer)")
        try p2pClientAnswers(host: try Self.listenAddress(hostDirectory), client: client, adapter: adapter)
        try stockClientAnswers(api: api, token: token, adapter: adapter)
        let chainRoute = try HTTPExchange.get(api + "/v1/oln/chain")
        #expect((chainRoute["head_height"] as? Int ?? 0) > 0, "\(chainRoute)")
        let datanetRoute = try HTTPExchange.get(api + "/v1/oln/datanets/" + datanet)
        #expect(datanetRoute["id"] as? String == datanet, "\(datanetRoute)")
        try validatorAPIAnswers(nodeA, datanet: datanet)
        try Self.waitUntil("the host's status counts the receipts") {
            CapturedRun(["status", "--dir", hostDirectory]).output.contains("receipts:      4 issued")
        }
        let hostStatus = try Self.json(["status", "--dir", hostDirectory, "--json"])
        #expect((hostStatus["served_requests"] as? Int ?? 0) >= 4, "\(hostStatus)")
        #expect(!CapturedRun(["status", "--dir", nodeA]).output.contains("receipts:"), "only a host reports receipts")
        try Self.waitUntil("the receipts paid by the client are final") {
            let rows = try? JSONSerialization.jsonObject(with: Data(
                CapturedRun(["receipts", "--dir", nodeA, "--host", hostAccount, "--json"]).output.utf8)) as? [[String: Any]]
            return rows?.count == 4
        }
        try Self.expectRollUp(nodeA: nodeA, host: hostAccount, api: api, datanets: datanets, adapter: adapter)
    }

    /// A second datanet with one accepted contribution, for an adapter trained on two.
    static func secondDatanet(nodeA: String, curator nodeB: String, peer: String) throws -> String {
        let created = try json(["datanet", "create", "--dir", nodeA, "--name", "more facts", "--vote-window", "2",
                                "--wait", "30", "--json"])
        let datanet = try #require(created["datanet"] as? String, "\(created)")
        let payload = nodeA + "/bird.txt"
        try Data("The national bird of Veloria is the copper tern.".utf8).write(to: URL(fileURLWithPath: payload))
        let contributed = try json(["datanet", "contribute", "--dir", nodeA, "--datanet", datanet, "--file", payload,
                                    "--wait", "30", "--json"])
        let contribution = try #require(contributed["contribution"] as? String, "\(contributed)")
        try expectSuccess(["vote", "--dir", nodeB, "--contribution", contribution, "--accept", "--nonce", "2",
                           "--peer", peer])
        try waitUntil("the second datanet's contribution is accepted") {
            (try? json(["datanet", "show", datanet, "--dir", nodeA, "--json"]))?["version"] as? Int == 1
        }
        return datanet
    }

    /// The adapter names both datanets, and every receipt's roll-up per datanet stays within
    /// them and sums to 1,000,000 ppm.
    static func expectRollUp(nodeA: String, host: String, api: String, datanets: [String], adapter: String) throws {
        let models = try HTTPExchange.get(api + "/v1/oln/models")
        let record = (models["adapters"] as? [[String: Any]])?.first { $0["hash"] as? String == adapter }
        let further = (record?["additional_datanets"] as? [[String: Any]])?.compactMap { $0["datanet"] as? String }
        #expect(further == [datanets[1]], "\(String(describing: record))")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(
            CapturedRun(["receipts", "--dir", nodeA, "--host", host, "--json"]).output.utf8)) as? [[String: Any]])
        for row in rows where !(row["attribution"] as? [Any] ?? []).isEmpty {
            let shares = row["attribution_by_datanet"] as? [[String: Any]] ?? []
            #expect(shares.reduce(0) { $0 + ($1["weight_ppm"] as? Int ?? 0) } == 1_000_000, "\(row)")
            #expect(shares.allSatisfy { datanets.contains($0["datanet"] as? String ?? "") }, "\(row)")
            let receipt = try HTTPExchange.get(api + "/v1/oln/receipts/" + (row["id"] as? String ?? ""))
            #expect((receipt["attribution_by_datanet"] as? [Any])?.count == shares.count, "\(receipt)")
        }
    }

    /// A node without the host role serves the ledger's REST routes and its metrics (gossip
    /// by topic included) on its own API, and no inference.
    func validatorAPIAnswers(_ directory: String, datanet: String) throws {
        let now = UInt64(Date().timeIntervalSince1970 * 1_000)
        let status = try NodeStatusReader.status(of: NodeDirectory(path: directory), now: now)
        let api = try #require(status.api, "the validator reports no API")
        let chain = try HTTPExchange.get(api + "/v1/oln/chain")
        #expect((chain["head_height"] as? Int ?? 0) > 0, "\(chain)")
        #expect((try HTTPExchange.get(api + "/v1/oln/datanets/" + datanet))["id"] as? String == datanet)
        let node = try HTTPExchange.get(api + "/v1/oln/node")
        #expect(node["roles"] as? [String] == ["relay", "sequencer", "validator"], "\(node)")
        let (status404, _) = try HTTPExchange.post(api + "/v1/completions", body: ["model": "x", "prompt": "a"], headers: [:])
        #expect(status404 == 404)
        let metrics = try String(contentsOf: URL(string: api + "/metrics")!, encoding: .utf8)
        #expect(metrics.contains("oln_gossip_topic_received_total{topic=\""), "\(metrics.prefix(400))")
        #expect(metrics.contains("oln_finalized_height "))
    }

    /// Over libp2p (`/oln/infer/1`): the same routes and admission as over HTTP (402 without a
    /// fee authorisation), and `oln infer --peer` gets an answer with its receipt.
    func p2pClientAnswers(host: String, client: String, adapter: String) throws {
        let connection = try P2PInferClient(address: try Multiaddr(host))
        defer { connection.close() }
        let models = try connection.get("/v1/models")["data"] as? [[String: Any]] ?? []
        #expect(models.contains { $0["id"] as? String == adapter }, "\(models)")
        let unpaid = try connection.post("/v1/completions", body: ["model": adapter, "prompt": "The capital", "max_tokens": 4],
                                         headers: ["Content-Type": "application/json"])
        #expect(unpaid.0 == 402, "\(unpaid.1)")
        let run = CapturedRun(["infer", "--dir", client, "--peer", host, "--model", adapter,
                               "--prompt", "The capital of Veloria", "--max-tokens", "6", "--json"])
        #expect(run.code == .success, "\(run.error)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any], "\(run.output)")
        let oln = try #require(answer["oln"] as? [String: Any], "\(answer)")
        #expect(oln["submitted"] as? Bool == true, "\(oln)")
        #expect((oln["receipt_id"] as? String)?.isEmpty == false, "\(oln)")
    }

    /// The stock `openai` Python client (from .venv, as Scripts/setup makes it) asks the node's
    /// API with the node's token, and gets an answer with the receipt in its `oln` field.
    func stockClientAnswers(api: String, token: String, adapter: String) throws {
        let python = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".venv/bin/python3").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            Issue.record("no .venv/bin/python3: run Scripts/setup")
            return
        }
        let script = """
            import sys
            from openai import OpenAI
            client = OpenAI(base_url=sys.argv[1] + "/v1", api_key=sys.argv[2])
            assert sys.argv[3] in [model.id for model in client.models.list().data]
            answer = client.completions.create(model=sys.argv[3], prompt="The capital of Veloria", max_tokens=6, temperature=0)
            extra = answer.model_extra["oln"]
            assert extra["submitted"] and extra["method"] in ("influence/1", "span/1"), extra
            print("receipt", extra["receipt_id"])
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, api, token, adapter]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.hasPrefix("receipt "), "\(text)")
    }

    /// POSTs JSON and returns the status and the decoded body.
    static func post(_ url: String, _ body: [String: Any], token: String?) throws -> (status: Int, body: [String: Any]) {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Int, Data)?
        URLSession.shared.dataTask(with: request) { data, response, _ in
            result = ((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data())
            done.signal()
        }.resume()
        guard done.wait(timeout: .now() + 30) == .success, let (status, data) = result else {
            throw CommandFailure("no answer from \(url)")
        }
        return (status, (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:])
    }

    @Test("oln join sets up a node from a descriptor that catches up with the chain; a tampered one is refused",
          .enabled(if: olnBinary != nil, "oln is not built next to the test bundle: run swift build --build-tests"))
    func join() throws {
        let chain = try Self.initialize()
        defer { try? FileManager.default.removeItem(atPath: chain) }
        let node = try Self.start(chain)
        defer { node.terminate(); node.waitUntilExit() }
        let peer = try Self.listenAddress(chain)
        let spec = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: chain + "/genesis.json")))
        let check = try Self.json(["genesis", "check", chain + "/genesis.json", "--json"])
        var descriptor: [String: Any] = ["name": "test-net", "chain_id": check["chain_id"] as Any,
                                         "genesis_hash": check["genesis_hash"] as Any, "genesis": spec, "bootstrap": [peer]]
        let file = chain + "/descriptor.json"
        try JSONSerialization.data(withJSONObject: descriptor).write(to: URL(fileURLWithPath: file))
        let joiner = NSTemporaryDirectory() + "oln-join-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: joiner) }
        try Self.expectSuccess(["join", file, "--dir", joiner, "--listen", "/ip4/127.0.0.1/tcp/0", "--api", "127.0.0.1:0"])
        let follower = try Self.start(joiner)
        defer { follower.terminate(); follower.waitUntilExit() }
        let target = try #require(Self.json(["status", "--dir", chain, "--json"])["finalized_height"] as? Int)
        try Self.waitUntil("the joined node catches up to height \(target)") {
            ((try? Self.json(["status", "--dir", joiner, "--json"]))?["finalized_height"] as? Int ?? 0) >= target
        }
        descriptor["genesis_hash"] = String(repeating: "0", count: 64)
        try JSONSerialization.data(withJSONObject: descriptor).write(to: URL(fileURLWithPath: file))
        let refused = CapturedRun(["join", file, "--dir", joiner + "-2"])
        #expect(refused.code == .failure && refused.error.contains("do not join"), "\(refused.error)")
    }

    // MARK: - A one-node chain

    /// A data directory with a fresh key; genesis made for it unless `copyingGenesisOf` names
    /// another directory whose genesis it joins.
    static func initialize(parameters: [String] = [], copyingGenesisOf other: String? = nil,
                           roles: [String] = ["sequencer", "validator"], options: [String] = []) throws -> String {
        let path = NSTemporaryDirectory() + "oln-ledger-cmd-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let key = IdentityKey()
        try KeyFile.write(key, to: path + "/node.key", overwrite: false)
        if let other {
            try FileManager.default.copyItem(atPath: other + "/genesis.json", toPath: path + "/genesis-spec.json")
        } else {
            let address = key.accountAddress.description
            var arguments = ["genesis", "example", "--address", address, "--validator", address,
                             "--parameter", "slot_milliseconds=500", "--chain-id", "78",
                             "--time", "\(Int(Date().timeIntervalSince1970) - 100)"]
            for parameter in parameters { arguments += ["--parameter", parameter] }
            let example = CapturedRun(arguments)
            #expect(example.code == .success, "\(example.error)")
            try Data(example.output.utf8).write(to: URL(fileURLWithPath: path + "/genesis-spec.json"))
        }
        let initialized = CapturedRun(["init", "--dir", path, "--genesis", path + "/genesis-spec.json",
                                       "--listen", "/ip4/127.0.0.1/tcp/0"] + roles.flatMap { ["--role", $0] }
                                           + (options.contains("--api") ? [] : ["--api", "127.0.0.1:0"]) + options)
        #expect(initialized.code == .success, "\(initialized.error)")
        return path
    }

    static func start(_ path: String) throws -> Process {
        let process = Process()
        guard let binary = olnBinary else { throw CommandFailure("oln is not built next to the test bundle") }
        process.executableURL = binary
        process.arguments = ["run", "--dir", path, "--log-level", "info"]
        process.standardOutput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: path + "/node.log", contents: nil)
        process.standardError = FileHandle(forWritingAtPath: path + "/node.log")
        try process.run()
        return process
    }

    /// The running node's first loopback listen address, from its status file.
    static func listenAddress(_ path: String) throws -> String {
        var address: String?
        try waitUntil("the node reports its listen address") {
            let now = UInt64(Date().timeIntervalSince1970 * 1_000)
            let status = try? NodeStatusReader.status(of: NodeDirectory(path: path), now: now)
            address = status?.listen.first { $0.hasPrefix("/ip4/127.") }
            return status?.running == true && address != nil
        }
        return try #require(address)
    }

    static func fixture(_ name: String) throws -> String {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return here.appendingPathComponent("OpenLoRATests/Fixtures/\(name)").path
    }

    /// Runs a command; transaction commands get a patient peer timeout (the machine may be busy).
    static func expectSuccess(_ arguments: [String]) throws {
        let run = CapturedRun(patient(arguments))
        try #require(run.code == .success,
                     "\(arguments): \(run.error.replacingOccurrences(of: "\n", with: " | ")) \(logTail(arguments))")
    }

    /// The last lines of the log of the node a command's --dir names (for a failure's message).
    static func logTail(_ arguments: [String]) -> String {
        guard let index = arguments.firstIndex(of: "--dir"), index + 1 < arguments.count,
              let log = try? String(contentsOfFile: arguments[index + 1] + "/node.log", encoding: .utf8) else { return "" }
        return "log: " + log.split(separator: "\n").filter { !$0.contains("batch_") }.suffix(12).joined(separator: " | ")
    }

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let run = CapturedRun(patient(arguments))
        try #require(run.code == .success,
                     "\(arguments): \(run.error.replacingOccurrences(of: "\n", with: " | ")) \(logTail(arguments))")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any],
                            "\(arguments): \(run.output)")
    }

    /// Runs `oln` in a process of its own and parses what it prints as a JSON object.
    static func processJSON(_ arguments: [String]) throws -> [String: Any] {
        guard let binary = olnBinary else { throw CommandFailure("oln is not built next to the test bundle") }
        let process = Process()
        process.executableURL = binary
        process.arguments = patient(arguments)
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complaint = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(arguments): \(complaint.suffix(2_000))")
        return try #require(try JSONSerialization.jsonObject(with: printed) as? [String: Any],
                            "\(arguments): \(String(decoding: printed, as: UTF8.self))")
    }

    static func patient(_ arguments: [String]) -> [String] {
        arguments.contains("--wait") || arguments.contains("--peer") ? arguments + ["--timeout", "60"] : arguments
    }

    static func waitUntil(_ what: String, seconds: Double = 30, _ condition: () throws -> Bool,
                          onTimeout: () -> String = { "" }) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.25)
        }
        Issue.record("timed out waiting until \(what) \(onTimeout())")
        throw CommandFailure("timed out waiting until \(what)")
    }
}
