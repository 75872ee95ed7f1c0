import Foundation
import HTTP
import OpenLoRA

extension InferenceServer {
    /// The routes every server has.
    func addStandardRoutes() {
        let completionLimit = configuration.completionBodyByteCountMax
        addRoute(.get, "/v1/models") { [unowned self] _, responder in responder.respond(json: modelList()) }
        addRoute(.get, "/v1/models/{model}") { [unowned self] request, responder in
            let name = request.parameters["model"] ?? ""
            guard let model = modelObject(name) else { return responder.respond(error: .modelNotFound(name)) }
            responder.respond(json: model)
        }
        addRoute(.post, "/v1/completions", bodyByteCountMax: completionLimit) { [unowned self] request, responder in
            handleCompletion(request, responder: responder, kind: .text)
        }
        addRoute(.post, "/v1/chat/completions", bodyByteCountMax: completionLimit) { [unowned self] request, responder in
            handleCompletion(request, responder: responder, kind: .chat)
        }
        addRoute(.get, "/v1/admin/status", requiresAuthorization: true) { [unowned self] _, responder in
            responder.respond(json: status())
        }
    }

    /// `GET /v1/models`: the base model, then every adapter, in OpenAI's list shape.
    func modelList() -> APIValue {
        let names = [configuration.baseModelID] + adapters.adapterNames
        return ["object": "list", "data": .array(names.compactMap(modelObject))]
    }

    /// One model object, or nil for a name that is neither the base model nor an adapter.
    func modelObject(_ name: String) -> APIValue? {
        let isBase = name == configuration.baseModelID
        guard isBase || adapters.adapterNames.contains(name) else { return nil }
        var object: [(String, APIValue)] = [("id", .string(name)), ("object", "model"), ("created", .integer(startTime)),
                                            ("owned_by", "oln")]
        if !isBase {
            object += [("root", .string(configuration.baseModelID)), ("parent", .string(configuration.baseModelID))]
        }
        return .object(object)
    }

    /// `GET /v1/admin/status`: the scheduler's counters and the open connections.
    func status() -> APIValue {
        let statistics = scheduler.statistics
        return [
            "object": "oln.status",
            "base_model": .string(configuration.baseModelID),
            "adapters": .array(adapters.adapterNames.map(APIValue.string)),
            "open_connections": .integer(connectionCount),
            "scheduler": [
                "queued": .integer(scheduler.queuedCount), "submitted": .integer(statistics.submittedCount),
                "refused": .integer(statistics.refusedCount), "finished": .integer(statistics.finishedCount),
                "decoded_tokens": .integer(statistics.decodedTokenCount),
                "prefilled_tokens": .integer(statistics.prefilledTokenCount),
            ],
        ]
    }

    /// Seconds since 1970 when the process loaded this code: the models' `created`.
    var startTime: Int { InferenceServer.processStartTime }

    static let processStartTime = Int(Date().timeIntervalSince1970)
}
