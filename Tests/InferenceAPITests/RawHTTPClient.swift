import Foundation
import Glibc

/// A blocking TCP client for tests: sends raw bytes to 127.0.0.1 and reads the answer.
struct RawHTTPClient {
    let socket: Int32

    /// Connects to 127.0.0.1:`port`, with reads that give up after `timeoutSeconds`.
    init(port: UInt16, timeoutSeconds: Int = 30) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EIO) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else {
            Glibc.close(socket)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return }
            sent += count
        }
    }

    /// Everything until the server closes (or the read timeout).
    func readToEnd() -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads until the text read so far satisfies `isComplete`.
    func read(until isComplete: (String) -> Bool) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !isComplete(String(decoding: bytes, as: UTF8.self)) {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func close() {
        Glibc.close(socket)
    }

    /// One request with `Connection: close`; the whole response text.
    static func exchange(port: UInt16, _ method: String, _ path: String, body: String? = nil,
                         headers: [String] = []) throws -> String {
        let client = try RawHTTPClient(port: port)
        defer { client.close() }
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for header in headers { text += header + "\r\n" }
        if let body { text += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n" }
        text += "\r\n" + (body ?? "")
        client.send(text)
        return client.readToEnd()
    }
}

/// A response split into status, headers and body (Content-Length or chunked).
struct ParsedResponse {
    let status: Int
    let headers: [String: String]
    let body: String

    init(_ text: String) {
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts.first ?? ""
        let lines = head.components(separatedBy: "\r\n")
        status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        self.headers = headers
        let raw = parts.dropFirst().joined(separator: "\r\n\r\n")
        body = headers["transfer-encoding"] == "chunked" ? Self.dechunk(raw) : raw
    }

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }

    /// The `data:` payloads of an event stream, in order.
    var events: [String] {
        body.components(separatedBy: "\n\n").compactMap { block in
            block.hasPrefix("data: ") ? String(block.dropFirst(6)) : nil
        }
    }

    private static func dechunk(_ text: String) -> String {
        var bytes = Array(text.utf8)[...]
        var output: [UInt8] = []
        while let lineEnd = bytes.firstIndex(of: 0x0A) {
            let sizeText = String(decoding: bytes[bytes.startIndex..<lineEnd], as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            guard let size = Int(sizeText, radix: 16), size > 0 else { break }
            let start = lineEnd + 1
            output += bytes[start..<min(start + size, bytes.endIndex)]
            bytes = bytes[min(start + size + 2, bytes.endIndex)...]
        }
        return String(decoding: output, as: UTF8.self)
    }
}
