import Foundation
import Gossip
import IO
import Identity
import Ledger
import Network
import Node
import Sequencer
import Wire

/// What every transaction command shares: the options `--dir --fee --nonce --peer --wait
/// --timeout --json`, signing with the data directory's key, handing the transaction to the
/// running node through its API (which publishes it as its own), or else publishing it on
/// the chain's transaction topic to that node (or the given peers) with a temporary
/// identity, waiting for finality, and the report.
struct TransactionSubmission {
    let directory: NodeDirectory
    let fee: Amount?
    let nonce: UInt64?
    let peers: [Multiaddr]
    let wait: Double?
    let timeout: Double
    let json: Bool

    /// Takes the shared options from `parser` (call before `parser.finish`).
    init(_ parser: inout ArgumentParser, environment: [String: String], topic: String) throws {
        directory = NodeDirectory(path: try parser.takeOption("--dir", topic: topic)
            ?? DataDirectory(environment: environment).path)
        fee = try parser.takeOption("--fee", topic: topic).map { try Self.tokens($0, option: "--fee", topic: topic) }
        let nonceText = try parser.takeOption("--nonce", topic: topic)
        guard nonceText.map({ UInt64($0) != nil }) ?? true else {
            throw UsageError("--nonce must be a non-negative integer", topic: topic)
        }
        nonce = nonceText.flatMap(UInt64.init)
        peers = try GossipCommand.peers(&parser, topic: topic)
        wait = try P2PCommand.seconds(try parser.takeOption("--wait", topic: topic), option: "--wait", topic: topic)
        timeout = try P2PCommand.seconds(try parser.takeOption("--timeout", topic: topic), option: "--timeout",
                                         topic: topic) ?? 10
        json = parser.takeFlag("--json")
    }

    /// The key of the data directory.
    func key() throws -> IdentityKey { try KeyFile.read(from: directory.keyPath) }

    /// The node's ledger; throws when `oln init` has not run.
    func ledger() throws -> (database: LedgerDatabase, chainID: UInt64) {
        let ledger = try LedgerDatabase(path: directory.chainPath)
        guard let chainID = ledger.chainID else {
            throw CommandFailure("\(directory.chainPath) holds no chain; run 'oln init' first")
        }
        return (ledger, chainID)
    }

    /// Signs `kind` with the directory's key, submits it and prints the report: `fields`
    /// first (name, value), then id, nonce, fee, peers and, with `--wait`, the height. For a
    /// kind that creates something (a datanet, a contribution, a proposal), `creates` names
    /// the field that reports the new identifier, known before inclusion.
    func submit(_ kind: TransactionKind, fields: KeyValuePairs<String, Any> = [:], creates: String? = nil,
                console: Console) throws -> ExitCode {
        try submit(kind, report: fields.map { ($0.key, $0.value) }, creates: creates, console: console)
    }

    /// `submit` with the leading fields as a list.
    func submit(_ kind: TransactionKind, report fields: [(String, Any)], creates: String? = nil,
                console: Console) throws -> ExitCode {
        let key = try key()
        let (ledger, chainID) = try ledger()
        let nonce = try self.nonce ?? ledger.account(key.accountAddress).nonce
        let now = UInt64(max(0, Date().timeIntervalSince1970))
        let transaction = TransactionBuilder.signed(
            kind, nonce: nonce, fee: fee, expiry: now + TransactionBuilder.expirySeconds,
            parameters: try ledger.parameters(), chainID: chainID, key: key.privateKey)
        let sent: Int
        if peers.isEmpty, let viaAPI = try Self.submitThroughAPI(transaction, directory: directory) {
            sent = viaAPI
        } else {
            let targets = peers.isEmpty ? try Self.runningNodeAddresses(directory) : peers
            sent = try Self.publish(transaction.envelopeBytes, topics: ChainTopics(chainID: chainID),
                                    to: targets, timeout: timeout)
        }
        var report = fields
        if let creates {
            report.append((creates, Base16.encode(LedgerIdentifier.derive(sender: key.accountAddress, nonce: nonce))))
        }
        report += [("kind", kind.name), ("id", Base16.encode(transaction.id)), ("nonce", nonce),
                   ("fee", TokenAmountText.format(transaction.body.fee)), ("peers", sent)]
        if let wait {
            guard let height = Self.waitForInclusion(of: key.accountAddress, after: nonce, path: directory.chainPath,
                                                     seconds: wait) else {
                console.error("error: \(kind.name) \(Base16.encode(transaction.id)) (nonce \(nonce)) was not "
                              + "finalized within \(wait) s")
                return .failure
            }
            report.append(("height", height))
            if let outcome = try? LedgerDatabase(path: directory.chainPath).transactionOutcomes(height: height)
                .first(where: { $0.sender == key.accountAddress.bytes && $0.nonce == nonce }) {
                report.append(("status", outcome.status))
                if !outcome.reason.isEmpty { report.append(("reason", outcome.reason)) }
            }
        }
        CommandReport.print(report, json: json, console: console)
        return .success
    }

    static func tokens(_ text: String, option: String, topic: String) throws -> Amount {
        do {
            return try TokenAmountText.parse(text)
        } catch {
            throw UsageError("\(option): \(error)", topic: topic)
        }
    }

    /// Offers the transaction to the node running on `directory` through its API
    /// (`POST /v1/oln/transactions` with the token in the directory), so that the node checks
    /// it against its mempool and publishes it as its own message, to every peer on the topic.
    /// Returns the node's peer count; nil when no node with an API runs there (then the
    /// transaction goes over gossip). Throws when the node refuses it.
    private static func submitThroughAPI(_ transaction: SignedTransaction, directory: NodeDirectory) throws -> Int? {
        guard let status = NodeStatus.read(from: directory.statusPath), status.running, let api = status.api,
              let processID = status.processID, NodeStatusReader.isAlive(processID),
              let token = try? String(contentsOfFile: directory.apiTokenPath, encoding: .utf8) else { return nil }
        let (code, answer) = try HTTPExchange.post(
            api + "/v1/oln/transactions", body: ["envelope_hex": Base16.encode(transaction.envelopeBytes)],
            headers: ["Authorization": "Bearer " + token.trimmingCharacters(in: .whitespacesAndNewlines)])
        guard code == 200 else {
            let message = ((answer["error"] as? [String: Any])?["message"] as? String) ?? "HTTP \(code)"
            throw CommandFailure("the node of \(directory.path) refused the transaction: \(message)")
        }
        guard answer["accepted"] as? Bool == true else {
            throw CommandFailure("the node of \(directory.path) did not take the transaction into its mempool "
                                 + "(a used nonce, an expired transaction, a fee the balance does not cover yet, or a full pool)")
        }
        return status.peers
    }

    /// The dialable addresses of the node running on `directory`, loopback first: those its
    /// status file lists while its process is alive (however busy it is).
    private static func runningNodeAddresses(_ directory: NodeDirectory) throws -> [Multiaddr] {
        guard let status = NodeStatus.read(from: directory.statusPath), status.running,
              let processID = status.processID, NodeStatusReader.isAlive(processID), !status.listen.isEmpty else {
            throw CommandFailure("the node of \(directory.path) is not running; start it with "
                                 + "'oln run --dir \(directory.path)' or give --peer")
        }
        let addresses = status.listen.compactMap { try? Multiaddr($0) }
        let loopback = addresses.filter { $0.description.hasPrefix("/ip4/127.") }
        return loopback + addresses.filter { !$0.description.hasPrefix("/ip4/127.") }
    }

    /// Publishes once a peer has joined `topic`; returns how many peers took the message.
    private static func publish(_ data: [UInt8], topics: ChainTopics, to peers: [Multiaddr], timeout: Double) throws -> Int {
        let topic = topics.transactions
        let session = try P2PSession(identity: IdentityKey(), withGossip: true, topicOptions: topics.topicOptions)
        let gossip = session.gossip!
        let outcome = PublishOutcome()
        try session.onLoop { () throws(NetworkError) in
            gossip.subscribe(topic)
            for peer in peers { try? gossip.node.dial(peer) }
            session.loop.scheduleTimer(after: .milliseconds(50), repeating: .milliseconds(50)) {
                guard !outcome.isDone, !gossip.router.peers(subscribedTo: topic).isEmpty else { return }
                do {
                    let (id, peerCount) = try gossip.publish(data, topic: topic)
                    outcome.finish(peerCount > 0 ? .sent(id, peerCount) : .failed("no peer took the transaction"))
                } catch {
                    outcome.finish(.failed("\(error)"))
                }
                session.loop.scheduleTimer(after: .milliseconds(200)) { session.stop() }
            }
        }
        session.waitForStop(after: timeout)
        switch outcome.result {
        case .sent(_, let peerCount)?: return peerCount
        case .failed(let reason)?: throw CommandFailure(reason)
        case nil: throw CommandFailure("no node joined \(topic) within \(timeout) s")
        }
    }

    /// Polls the ledger until the sender's nonce passes `nonce`; returns the height then.
    private static func waitForInclusion(of sender: AccountAddress, after nonce: UInt64, path: String,
                                         seconds: Double) -> UInt64? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if let ledger = try? LedgerDatabase(path: path), let account = try? ledger.account(sender),
               account.nonce > nonce {
                return ledger.height
            }
            Thread.sleep(forTimeInterval: 0.2)
        } while Date() < deadline
        return nil
    }
}
