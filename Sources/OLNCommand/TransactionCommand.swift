import Foundation
import Gossip
import IO
import Identity
import Ledger
import Network
import Node
import Sequencer
import Wire

/// `oln tx transfer --to ADDRESS --amount TOKENS …`: signs a transfer with the node's key
/// and hands it to the running node (or the given peers) on the chain's transaction topic,
/// through a short-lived gossip client with a temporary identity.
enum TransactionCommand {
    static func run(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let subcommand = parser.nextPositional()
        if parser.takeFlag("--help", "-h") {
            console.print(HelpText.topic(["tx", subcommand].compactMap { $0 }.joined(separator: " ")) ?? HelpText.transaction)
            return .success
        }
        switch subcommand {
        case "transfer": return try transfer(&parser, environment: environment, console: console)
        case nil: throw UsageError("'oln tx' needs a subcommand: transfer", topic: "tx")
        case let other?: throw UsageError("unknown subcommand 'tx \(other)'", topic: "tx")
        }
    }

    private static func transfer(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "tx transfer"
        let directory = NodeDirectory(path: try parser.takeOption("--dir", topic: topic) ?? DataDirectory(environment: environment).path)
        guard let toText = try parser.takeOption("--to", topic: topic) else { throw UsageError("--to ADDRESS is required", topic: topic) }
        guard let amountText = try parser.takeOption("--amount", topic: topic) else {
            throw UsageError("--amount TOKENS is required", topic: topic)
        }
        let recipient: AccountAddress
        do {
            recipient = try AccountAddress(toText)
        } catch {
            throw UsageError("--to: \(error)", topic: topic)
        }
        let amount = try tokens(amountText, option: "--amount", topic: topic)
        let fee = try parser.takeOption("--fee", topic: topic).map { try tokens($0, option: "--fee", topic: topic) }
        let nonceText = try parser.takeOption("--nonce", topic: topic)
        guard nonceText.map({ UInt64($0) != nil }) ?? true else { throw UsageError("--nonce must be a non-negative integer", topic: topic) }
        let peers = try GossipCommand.peers(&parser, topic: topic)
        let wait = try P2PCommand.seconds(try parser.takeOption("--wait", topic: topic), option: "--wait", topic: topic)
        let timeout = try P2PCommand.seconds(try parser.takeOption("--timeout", topic: topic), option: "--timeout", topic: topic) ?? 10
        let json = parser.takeFlag("--json")
        try parser.finish(topic: topic)

        let key = try KeyFile.read(from: directory.keyPath)
        let ledger = try LedgerDatabase(path: directory.chainPath)
        guard let chainID = ledger.chainID else { throw CommandFailure("\(directory.chainPath) holds no chain; run 'oln init' first") }
        let nonce = try nonceText.flatMap(UInt64.init) ?? ledger.account(key.accountAddress).nonce
        let now = UInt64(max(0, Date().timeIntervalSince1970))
        let transaction = TransactionBuilder.signed(
            .transfer(Transfer(to: recipient, amount: amount)), nonce: nonce, fee: fee,
            expiry: now + TransactionBuilder.expirySeconds, parameters: try ledger.parameters(), chainID: chainID,
            key: key.privateKey)
        let targets = peers.isEmpty ? try runningNodeAddresses(directory) : peers
        let sent = try publish(transaction.envelopeBytes, topic: ChainTopics(chainID: chainID).transactions, to: targets, timeout: timeout)
        let id = Base16.encode(transaction.id)
        var fields: [String: Any] = ["id": id, "nonce": nonce, "fee": TokenAmountText.format(transaction.body.fee), "peers": sent]
        if let wait {
            guard let height = waitForInclusion(of: key.accountAddress, after: nonce, path: directory.chainPath, seconds: wait) else {
                console.error("error: transfer \(id) (nonce \(nonce)) was not finalized within \(wait) s")
                return .failure
            }
            fields["height"] = height
        }
        report(fields, json: json, console: console)
        return .success
    }

    static func tokens(_ text: String, option: String, topic: String) throws -> Amount {
        do {
            return try TokenAmountText.parse(text)
        } catch {
            throw UsageError("\(option): \(error)", topic: topic)
        }
    }

    /// The dialable addresses of the node running on `directory`, loopback first.
    private static func runningNodeAddresses(_ directory: NodeDirectory) throws -> [Multiaddr] {
        let now = UInt64(max(0, Date().timeIntervalSince1970 * 1_000))
        let status = try NodeStatusReader.status(of: directory, now: now)
        guard status.running, !status.listen.isEmpty else {
            throw CommandFailure("the node of \(directory.path) is not running; start it with 'oln run --dir \(directory.path)' or give --peer")
        }
        let addresses = status.listen.compactMap { try? Multiaddr($0) }
        return addresses.filter { $0.description.hasPrefix("/ip4/127.") } + addresses.filter { !$0.description.hasPrefix("/ip4/127.") }
    }

    /// Publishes once a peer has joined `topic`; returns how many peers took the message.
    private static func publish(_ data: [UInt8], topic: String, to peers: [Multiaddr], timeout: Double) throws -> Int {
        let session = try P2PSession(identity: IdentityKey(), withGossip: true)
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
    private static func waitForInclusion(of sender: AccountAddress, after nonce: UInt64, path: String, seconds: Double) -> UInt64? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if let ledger = try? LedgerDatabase(path: path), let account = try? ledger.account(sender), account.nonce > nonce {
                return ledger.height
            }
            Thread.sleep(forTimeInterval: 0.2)
        } while Date() < deadline
        return nil
    }

    private static func report(_ fields: [String: Any], json: Bool, console: Console) {
        if json {
            let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            console.print(String(decoding: data, as: UTF8.self))
            return
        }
        console.print("transfer:  \(fields["id"] ?? "")")
        console.print("nonce:     \(fields["nonce"] ?? "")")
        console.print("fee:       \(fields["fee"] ?? "") tokens")
        console.print("sent to:   \(fields["peers"] ?? 0) peer(s)")
        if let height = fields["height"] { console.print("finalized: height \(height)") }
    }
}
