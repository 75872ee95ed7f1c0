import Foundation
import Testing
@testable import Node

@Suite("NodeLog")
struct NodeLogTests {
    final class Lines: @unchecked Sendable {
        let lock = NSLock()
        var lines: [String] = []
        func append(_ line: String) {
            lock.lock()
            lines.append(line)
            lock.unlock()
        }
    }

    @Test("one line per event: UTC time, level, event, key=value with quoting")
    func format() {
        let line = NodeLog.line(time: Date(timeIntervalSince1970: 1_767_225_602.013), level: .info, event: "batch_committed",
                                fields: ["height": 1, "reason": "closed by the peer", "empty": ""])
        #expect(line == "2026-01-01T00:00:02.013Z info batch_committed height=1 reason=\"closed by the peer\" empty=\"\"")
    }

    @Test("lines below the level are dropped")
    func levels() {
        let lines = Lines()
        let log = NodeLog(level: .warning, sink: { lines.append($0) })
        log.info("quiet")
        log.debug("quieter")
        log.warning("loud", ["a": "b"])
        log.error("louder")
        #expect(lines.lines.count == 2)
        #expect(lines.lines[0].hasSuffix("warning loud a=b"))
        #expect(NodeLog.Level(name: "debug") == .debug && NodeLog.Level(name: "verbose") == nil)
    }
}
