import Identity
import Ledger
import Node
import Wire

/// `oln account [ADDRESS]`, `oln receipts` and `oln payouts`: what the ledger says about an
/// account, read from the node's database.
enum AccountQueries {
    static func account(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "account"
        if parser.takeFlag("--help", "-h") { console.print(HelpText.account); return .success }
        let reading = try LedgerReading(&parser, environment: environment, topic: topic)
        let addressText = parser.nextPositional()
        try parser.finish(topic: topic)
        let address = try self.address(addressText, reading: reading, topic: topic)
        let ledger = try reading.ledger()
        let (balance, nonce) = try ledger.account(address)
        let stakes = try ledger.stakes(of: address)
        let paid = try ledger.payoutTotal(of: address)
        var fields: [(String, Any)] = [("account", address.description), ("balance", TokenAmountText.format(balance)),
                                       ("nonce", nonce), ("paid out", TokenAmountText.format(paid))]
        for (role, amount) in stakes { fields.append(("stake \(role.name)", TokenAmountText.format(amount))) }
        CommandReport.print(fields, json: reading.json, console: console)
        return .success
    }

    static func receipts(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "receipts"
        if parser.takeFlag("--help", "-h") { console.print(HelpText.receipts); return .success }
        let host = try parser.takeOption("--host", topic: topic)
        let adapter = try parser.takeOption("--adapter", topic: topic)
        let contributor = try parser.takeOption("--contributor", topic: topic)
        let reading = try LedgerReading(&parser, environment: environment, topic: topic)
        try parser.finish(topic: topic)
        guard [host, adapter, contributor].compactMap({ $0 }).count <= 1 else {
            throw UsageError("give at most one of --host, --adapter and --contributor", topic: topic)
        }
        let ledger = try reading.ledger()
        let ids: [[UInt8]]
        switch (host, adapter, contributor) {
        case (let host?, nil, nil): ids = try ledger.receiptIDs(host: try address(host, reading: reading, topic: topic))
        case (nil, let adapter?, nil):
            ids = try ledger.receiptIDs(adapter: try HexArgument.identifier(adapter, option: "--adapter", topic: topic))
        case (nil, nil, let contributor):
            ids = try ledger.receiptIDs(contributor: try address(contributor, reading: reading, topic: topic))
        default: preconditionFailure("at most one filter, checked above")
        }
        let rows: [[String: Any]] = try ids.compactMap { id in
            guard let record = try ledger.receipt(id) else { return nil }
            return ["id": Base16.encode(id), "host": record.host.description, "client": record.client.description,
                    "adapter": Base16.encode(record.receipt.adapterHash), "method": record.receipt.method,
                    "tokens_in": record.receipt.tokensIn, "tokens_out": record.receipt.tokensOut,
                    "fee": TokenAmountText.format(record.receipt.fee),
                    "attribution": record.receipt.attribution.map {
                        ["contribution": Base16.encode($0.contributionID), "weight_ppm": $0.weightPPM]
                    },
                    "attribution_by_datanet": try ledger.rollup(of: record.receipt.attribution).shares.map {
                        ["datanet": Base16.encode($0.datanetID), "weight_ppm": $0.weightPPM]
                    }]
        }
        if reading.json {
            console.print(CommandReport.jsonText(rows))
        } else if rows.isEmpty {
            console.print("no receipts")
        } else {
            CommandReport.table(["RECEIPT", "METHOD", "TOKENS", "FEE", "CONTRIBUTIONS", "DATANETS"], rows.map {
                ["\($0["id"]!)", "\($0["method"]!)", "\($0["tokens_in"]!)+\($0["tokens_out"]!)", "\($0["fee"]!)",
                 "\(($0["attribution"] as? [Any])?.count ?? 0)", Self.datanetShares($0["attribution_by_datanet"])]
            }, console: console)
        }
        return .success
    }

    /// `ab12cd34…:65.0%, …` for a receipt's roll-up; `-` without attribution.
    private static func datanetShares(_ value: Any?) -> String {
        let shares = value as? [[String: Any]] ?? []
        guard !shares.isEmpty else { return "-" }
        return shares.map { share in
            let datanet = (share["datanet"] as? String ?? "").prefix(8)
            let percent = Double(share["weight_ppm"] as? UInt32 ?? 0) / 10_000
            return "\(datanet)…:\(String(format: "%.1f", percent))%"
        }.joined(separator: ", ")
    }

    static func payouts(_ parser: inout ArgumentParser, environment: [String: String], console: Console) throws -> ExitCode {
        let topic = "payouts"
        if parser.takeFlag("--help", "-h") { console.print(HelpText.payouts); return .success }
        let option = try parser.takeOption("--account", topic: topic)
        let reading = try LedgerReading(&parser, environment: environment, topic: topic)
        let addressText = option ?? parser.nextPositional()
        try parser.finish(topic: topic)
        let address = try self.address(addressText, reading: reading, topic: topic)
        let ledger = try reading.ledger()
        let events = try ledger.payouts(of: address)
        let total = try ledger.payoutTotal(of: address)
        if reading.json {
            console.print(CommandReport.jsonText([
                "account": address.description, "total": TokenAmountText.format(total),
                "payouts": events.map { ["subject": Base16.encode($0.subject), "reason": $0.reason.rawValue,
                                         "amount": TokenAmountText.format($0.amount)] },
            ]))
            return .success
        }
        console.print("account \(address): \(TokenAmountText.format(total)) tokens paid out in total")
        CommandReport.table(["REASON", "AMOUNT", "SUBJECT"], events.map {
            [$0.reason.rawValue, TokenAmountText.format($0.amount), Base16.encode($0.subject)]
        }, console: console)
        return .success
    }

    /// `text` as an address, or the data directory's own account when nil.
    private static func address(_ text: String?, reading: LedgerReading, topic: String) throws -> AccountAddress {
        guard let text else { return try KeyFile.read(from: reading.directory.keyPath).accountAddress }
        do {
            return try AccountAddress(text)
        } catch {
            throw UsageError("'\(text)' is not an account address: \(error)", topic: topic)
        }
    }
}
