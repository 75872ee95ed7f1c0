/// Base models, training results (adapters) and host listings.
extension LedgerStateMachine {
    /// The model formats a base model may be registered in.
    static let modelFormats: Set<String> = ["gguf", "safetensors"]

    func handleRegisterBaseModel(_ model: RegisterBaseModel, _ context: TransactionContext) throws {
        guard Self.modelFormats.contains(model.format) else {
            throw TransactionFailure.invalidField("format must be gguf or safetensors")
        }
        guard !model.name.isEmpty else { throw TransactionFailure.invalidField("the model needs a name") }
        let key = StateKey.baseModel(model.modelHash)
        guard try !state.contains(key) else { throw TransactionFailure.duplicate("the base model") }
        state.setRecord(BaseModelRecord(name: model.name, format: model.format, registrant: context.sender,
                                        registeredTime: batch.time), at: key)
    }

    func handleTrainingResult(_ result: TrainingResult, _ context: TransactionContext) throws {
        var seen = Set<[UInt8]>()
        for trained in result.datanets {
            guard seen.insert(trained.datanetID).inserted else {
                throw TransactionFailure.invalidField("a datanet is named twice")
            }
            guard let datanet = try state.record(DatanetRecord.self, at: StateKey.datanet(trained.datanetID)) else {
                throw TransactionFailure.unknownDatanet
            }
            guard trained.version >= 1, trained.version <= datanet.version else {
                throw TransactionFailure.invalidField(
                    "datanet version \(trained.version) does not exist (latest is \(datanet.version))")
            }
        }
        guard try state.contains(StateKey.baseModel(result.baseModelHash)) else {
            throw TransactionFailure.unknownModel
        }
        guard result.adapterByteCount > 0 else { throw TransactionFailure.invalidField("adapter_byte_count must be > 0") }
        let key = StateKey.adapter(result.adapterHash)
        guard try !state.contains(key) else { throw TransactionFailure.duplicate("the adapter") }
        state.setRecord(AdapterRecord(trainer: context.sender, result: result, registeredTime: batch.time), at: key)
    }

    func handleHostListing(_ listing: HostListing, _ context: TransactionContext) throws {
        guard try state.stake(context.sender, .host) >= parameters[.hostStakeMin] else {
            throw TransactionFailure.insufficientStake(.host)
        }
        var seen = Set<[UInt8]>()
        for hash in listing.adapterHashes {
            guard seen.insert(hash).inserted else { throw TransactionFailure.invalidField("an adapter is listed twice") }
            guard try state.contains(StateKey.adapter(hash)) else { throw TransactionFailure.unknownAdapter }
        }
        state.setRecord(HostListingRecord(listing: listing, updatedTime: batch.time),
                        at: StateKey.hostListing(context.sender))
    }
}
