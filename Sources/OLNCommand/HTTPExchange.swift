import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One JSON request to an HTTP API, waiting for the answer (command-line use).
enum HTTPExchange {
    /// How long a request may take (a generation included).
    static let timeout: TimeInterval = 300

    static func get(_ url: String) throws -> [String: Any] {
        let (status, object) = try exchange(url, method: "GET", body: nil, headers: [:])
        guard status == 200 else { throw CommandFailure("GET \(url) answered \(status)") }
        return object
    }

    static func post(_ url: String, body: [String: Any], headers: [String: String]) throws -> (Int, [String: Any]) {
        try exchange(url, method: "POST", body: try JSONSerialization.data(withJSONObject: body), headers: headers)
    }

    private static func exchange(_ url: String, method: String, body: Data?, headers: [String: String]) throws
        -> (Int, [String: Any]) {
        guard let address = URL(string: url), address.scheme == "http" || address.scheme == "https" else {
            throw CommandFailure("\(url) is not an http(s) URL")
        }
        var request = URLRequest(url: address, timeoutInterval: timeout)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<(Int, Data), any Error> = .failure(CommandFailure("no answer from \(url)"))
        URLSession.shared.dataTask(with: request) { data, response, error in
            if let error {
                outcome = .failure(CommandFailure("\(url): \(error.localizedDescription)"))
            } else {
                outcome = .success(((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data()))
            }
            done.signal()
        }.resume()
        done.wait()
        let (status, data) = try outcome.get()
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return (status, object)
    }
}
