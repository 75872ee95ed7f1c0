import Foundation
import Testing
@testable import Audit

/// The persisted cursor: `AuditCursor`.
@Suite struct AuditCursorTests {
    static func path() -> String { NSTemporaryDirectory() + "oln-audit-cursor-\(UUID().uuidString)" }

    @Test(arguments: [UInt64(1), 258, .max])
    func roundTrips(height: UInt64) throws {
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try AuditCursor.read(path) == nil)
        try AuditCursor.write(height, to: path)
        #expect(try AuditCursor.read(path) == height)
    }

    @Test func theFileIsEightBigEndianBytes() throws {
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try AuditCursor.write(0x0102, to: path)
        #expect(FileManager.default.contents(atPath: path).map(Array.init) == [0, 0, 0, 0, 0, 0, 1, 2])
    }

    @Test func aDamagedFileReadsAsNone() throws {
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data([1, 2, 3])))
        #expect(try AuditCursor.read(path) == nil)
    }
}
