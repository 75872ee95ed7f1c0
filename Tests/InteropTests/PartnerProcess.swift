import Foundation

/// The py-libp2p test partner (Tests/Interop/libp2p_partner.py) as a child process whose
/// JSON lines can be awaited.
final class PartnerProcess: @unchecked Sendable {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let python = repositoryRoot.appendingPathComponent(".venv/bin/python")
    static let script = repositoryRoot.appendingPathComponent("Tests/Interop/libp2p_partner.py")

    /// Why the partner cannot run here, or nil when it can.
    static var unavailableReason: String? {
        FileManager.default.isExecutableFile(atPath: python.path)
            ? nil : "py-libp2p is not installed in .venv; run Scripts/setup"
    }

    private let process = Process()
    private let condition = NSCondition()
    private var lines: [[String: Any]] = []
    private var stderrText = ""

    init(arguments: [String]) throws {
        process.executableURL = Self.python
        process.arguments = [Self.script.path] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in self?.received(handle.availableData) }
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            self?.condition.lock()
            self?.stderrText += text
            self?.condition.unlock()
        }
        try process.run()
    }

    private var partial = Data()

    private func received(_ data: Data) {
        condition.lock()
        defer { condition.unlock() }
        partial.append(data)
        while let newline = partial.firstIndex(of: 0x0a) {
            let line = partial[partial.startIndex..<newline]
            partial = Data(partial[partial.index(after: newline)...])
            if let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] {
                lines.append(object)
                condition.broadcast()
            }
        }
    }

    /// Waits up to `seconds` for a JSON line with `"event": event` that also satisfies `predicate`.
    func waitFor(_ event: String, seconds: Double = 20, where predicate: ([String: Any]) -> Bool = { _ in true }) -> [String: Any]? {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let line = lines.first(where: { $0["event"] as? String == event && predicate($0) }) { return line }
            guard condition.wait(until: deadline) else { return nil }
        }
    }

    /// Waits up to `seconds` until at least `count` lines with `"event": event` arrived.
    func waitFor(_ event: String, count: Int, seconds: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while lines.filter({ $0["event"] as? String == event }).count < count {
            guard condition.wait(until: deadline) else { return false }
        }
        return true
    }

    /// Every JSON line with `"event": event` so far.
    func all(_ event: String) -> [[String: Any]] {
        condition.lock()
        defer { condition.unlock() }
        return lines.filter { $0["event"] as? String == event }
    }

    /// The partner's log, for failure messages.
    var log: String {
        condition.lock()
        defer { condition.unlock() }
        return String(stderrText.suffix(3000))
    }

    /// Waits for the partner to exit (up to `seconds`), then kills it if needed.
    @discardableResult
    func finish(seconds: Double = 20) -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        let killDeadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < killDeadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
