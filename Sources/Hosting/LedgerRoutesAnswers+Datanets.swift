import InferenceAPI
import Ledger
import Wire

/// The datanet and contribution answers, in the fields `oln datanet list/show --json` prints.
extension LedgerRoutesAnswers {
    /// `GET /v1/oln/datanets`: every datanet's summary, at most `LedgerRoutes.listCountMax`.
    static func datanets(ledger: LedgerDatabase) throws(APIError) -> APIValue {
        do {
            let datanets = try ledger.datanets(limit: LedgerRoutes.listCountMax)
            return ["object": "list", "data": .array(datanets.map { .object(datanetFields($0.id, $0.record)) })]
        } catch {
            throw LedgerRoutesParameters.ledgerFailure(error)
        }
    }

    /// `GET /v1/oln/datanets/{id}`: the summary and its contributions (at most
    /// `LedgerRoutes.listCountMax` of each status), or 404.
    static func datanet(_ id: [UInt8], ledger: LedgerDatabase) throws(APIError) -> APIValue {
        do {
            guard let record = try ledger.datanet(id) else {
                throw LedgerRoutesParameters.notFound("datanet", Base16.encode(id))
            }
            var contributions: [APIValue] = []
            for status in ContributionRecord.Status.allCases {
                let ids = try ledger.contributionIDs(datanet: id, status: status, limit: LedgerRoutes.listCountMax)
                for contributionID in ids {
                    guard let contribution = try ledger.contribution(contributionID) else { continue }
                    contributions.append([
                        "id": .string(Base16.encode(contributionID)), "status": .string(status.name),
                        "contributor": .string(contribution.contributor.description),
                        "content_hash": .string(Base16.encode(contribution.contentHash)),
                        "bytes": integer(contribution.byteCount), "version": integer(contribution.version),
                        "metadata": .string(contribution.metadata),
                    ])
                }
            }
            return .object(datanetFields(id, record) + [("contributions", .array(contributions))])
        } catch let error as APIError {
            throw error
        } catch {
            throw LedgerRoutesParameters.ledgerFailure(error)
        }
    }

    /// `GET /v1/oln/contributions/{id}`, or 404.
    static func contribution(_ id: [UInt8], ledger: LedgerDatabase) throws(APIError) -> APIValue {
        let found: ContributionRecord?
        do {
            found = try ledger.contribution(id)
        } catch {
            throw LedgerRoutesParameters.ledgerFailure(error)
        }
        guard let record = found else { throw LedgerRoutesParameters.notFound("contribution", Base16.encode(id)) }
        return [
            "object": "oln.contribution", "id": .string(Base16.encode(id)),
            "datanet": .string(Base16.encode(record.datanetID)), "status": .string(record.status.name),
            "contributor": .string(record.contributor.description),
            "content_hash": .string(Base16.encode(record.contentHash)), "bytes": integer(record.byteCount),
            "version": integer(record.version), "metadata": .string(record.metadata), "licence": .string(record.licence),
            "bond": amount(record.bond), "window_end": integer(record.windowEnd),
            "votes": .array(record.votes.map { vote in
                ["voter": .string(vote.voter.description), "in_favour": .bool(vote.inFavour), "weight": amount(vote.weight)]
            }),
        ]
    }

    /// The fields `oln datanet list --json` prints for one datanet.
    static func datanetFields(_ id: [UInt8], _ record: DatanetRecord) -> [(String, APIValue)] {
        let rules = record.rules
        return [
            ("id", .string(Base16.encode(id))), ("name", .string(record.name)), ("summary", .string(record.summary)),
            ("tags", .array(record.tags.map(APIValue.string))), ("owner", .string(record.owner.description)),
            ("version", integer(record.version)), ("version_root", .string(Base16.encode(record.versionRoot))),
            ("rules", [
                "curator_stake_min": amount(rules.curatorStakeMin), "quorum": amount(rules.quorum),
                "vote_window_seconds": integer(rules.voteWindowSeconds),
                "contribution_bond": amount(rules.contributionBond),
                "payload_bytes_max": integer(rules.payloadByteCountMax),
            ]),
        ]
    }
}
