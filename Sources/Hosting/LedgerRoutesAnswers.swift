import Identity
import InferenceAPI
import Ledger
import Node
import Wire

/// The JSON answers of the ledger routes, built from a ledger connection and the node's
/// status. Amounts are token text (`TokenAmountText`, as the CLI prints them), identifiers
/// and hashes lowercase hexadecimal, addresses their checksummed text.
enum LedgerRoutesAnswers {
    /// `GET /v1/oln/chain`. The state root is the one recorded with the batch at the
    /// status's head height, so that the height and the root answered belong together.
    static func chain(status: NodeStatus, ledger: LedgerDatabase) throws(APIError) -> APIValue {
        let stateRoot: [UInt8]?
        do {
            stateRoot = try ledger.stateRoot(atHeight: status.headHeight)
        } catch {
            throw LedgerRoutesParameters.ledgerFailure(error)
        }
        return [
            "object": "oln.chain", "chain_id": integer(status.chainID),
            "genesis_hash": ledger.genesisHash.map { .string(Base16.encode($0)) } ?? .null,
            "head_height": integer(status.headHeight), "finalized_height": integer(status.finalizedHeight),
            "state_root": stateRoot.map { .string(Base16.encode($0)) } ?? .null,
            "slot": integer(status.slot), "leader": .string(status.leader), "peers": .integer(status.peers),
            "mempool": .integer(status.mempool), "syncing": .bool(status.syncing),
        ]
    }

    /// `GET /v1/oln/accounts/{address}`.
    static func account(_ address: AccountAddress, ledger: LedgerDatabase) throws(APIError) -> APIValue {
        do {
            let (balance, nonce) = try ledger.account(address)
            let stakes = try ledger.stakes(of: address)
            let paid = try ledger.payoutTotal(of: address)
            return [
                "object": "oln.account", "address": .string(address.description), "balance": amount(balance),
                "nonce": integer(nonce), "stakes": .object(stakes.map { ($0.role.name, amount($0.amount)) }),
                "paid_out": amount(paid),
            ]
        } catch {
            throw LedgerRoutesParameters.ledgerFailure(error)
        }
    }

    /// `GET /v1/oln/payouts/{address}`: the total and the newest payouts, at most
    /// `LedgerRoutes.listCountMax`.
    static func payouts(_ address: AccountAddress, ledger: LedgerDatabase) throws(APIError) -> APIValue {
        do {
            let events = try ledger.payouts(of: address, limit: LedgerRoutes.listCountMax)
            let total = try ledger.payoutTotal(of: address)
            return [
                "object": "oln.payouts", "address": .string(address.description), "total": amount(total),
                "payouts": .array(events.map { event in
                    ["subject": .string(Base16.encode(event.subject)), "reason": .string(event.reason.rawValue),
                     "amount": amount(event.amount)]
                }),
            ]
        } catch {
            throw LedgerRoutesParameters.ledgerFailure(error)
        }
    }

    /// `GET /v1/oln/receipts/{id}`, or 404.
    static func receipt(_ id: [UInt8], ledger: LedgerDatabase) throws(APIError) -> APIValue {
        let found: ReceiptRecord?
        let rollup: AttributionRollup
        do {
            found = try ledger.receipt(id)
            rollup = try ledger.rollup(of: found?.receipt.attribution ?? [])
        } catch {
            throw LedgerRoutesParameters.ledgerFailure(error)
        }
        guard let record = found else { throw LedgerRoutesParameters.notFound("receipt", Base16.encode(id)) }
        let receipt = record.receipt
        return [
            "object": "oln.receipt", "id": .string(Base16.encode(id)), "host": .string(record.host.description),
            "client": .string(record.client.description), "datanet": .string(Base16.encode(receipt.datanetID)),
            "adapter": .string(Base16.encode(receipt.adapterHash)), "prompt_hash": .string(Base16.encode(receipt.promptHash)),
            "output_hash": .string(Base16.encode(receipt.outputHash)), "method": .string(receipt.method),
            "tokens_in": integer(receipt.tokensIn), "tokens_out": integer(receipt.tokensOut), "fee": amount(receipt.fee),
            "attribution_root": .string(Base16.encode(receipt.attributionRoot)),
            "attribution": .array(receipt.attribution.map { entry in
                ["contribution": .string(Base16.encode(entry.contributionID)), "weight_ppm": .integer(Int(entry.weightPPM))]
            }),
            "attribution_by_datanet": .array(rollup.shares.map { share in
                ["datanet": .string(Base16.encode(share.datanetID)), "weight_ppm": .integer(Int(share.weightPPM))]
            }),
            "time": integer(record.time),
            "challenge": record.challengeID.isEmpty ? .null : .string(Base16.encode(record.challengeID)),
        ]
    }

    /// `GET /v1/oln/models`: the registered base models and the adapters published on them.
    static func models(ledger: LedgerDatabase) throws(APIError) -> APIValue {
        do {
            let bases = try ledger.baseModels(limit: LedgerRoutes.listCountMax)
            let adapters = try ledger.adapters(limit: LedgerRoutes.listCountMax)
            return [
                "object": "oln.models",
                "base_models": .array(bases.map { hash, record in
                    ["hash": .string(Base16.encode(hash)), "name": .string(record.name), "format": .string(record.format),
                     "registrant": .string(record.registrant.description), "registered_time": integer(record.registeredTime)]
                }),
                "adapters": .array(adapters.map { adapter($0.hash, $0.record) }),
            ]
        } catch {
            throw LedgerRoutesParameters.ledgerFailure(error)
        }
    }

    private static func adapter(_ hash: [UInt8], _ record: AdapterRecord) -> APIValue {
        let result = record.result
        return [
            "hash": .string(Base16.encode(hash)), "trainer": .string(record.trainer.description),
            "base_model": .string(Base16.encode(result.baseModelHash)), "datanet": .string(Base16.encode(result.datanetID)),
            "datanet_version": integer(result.datanetVersion),
            "additional_datanets": .array(result.additionalDatanets.map { further in
                ["datanet": .string(Base16.encode(further.datanetID)), "version": integer(further.version)]
            }),
            "bytes": integer(result.adapterByteCount),
            "hyperparameters": .object(result.hyperparameters.map { ($0.name, .string($0.value)) }),
            "metrics": .object(result.metrics.map { ($0.name, .integer(Int($0.value))) }),
            "gradient_store_root": .string(Base16.encode(result.gradientStoreRoot)),
            "registered_time": integer(record.registeredTime),
        ]
    }

    /// A ledger amount as token text.
    static func amount(_ value: Amount) -> APIValue {
        .string(TokenAmountText.format(value))
    }

    /// An unsigned ledger integer: a JSON number when it fits an `Int`, else its decimal text.
    static func integer(_ value: UInt64) -> APIValue {
        Int(exactly: value).map(APIValue.integer) ?? .string(String(value))
    }
}
