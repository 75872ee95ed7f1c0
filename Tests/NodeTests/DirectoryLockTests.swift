import Foundation
import Testing
@testable import Node

/// One writer per data directory: a second lock, or a second node, is refused while the
/// first holds it, and allowed once it is released.
@Suite("DirectoryLock", .serialized)
struct DirectoryLockTests {
    static func temporaryDirectory() throws -> NodeDirectory {
        let path = NSTemporaryDirectory() + "oln-lock-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return NodeDirectory(path: path)
    }

    @Test("a second lock is refused with the holder's process id; released, it can be taken again")
    func secondLockIsRefused() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory.path) }
        let first = try DirectoryLock(directory: directory)
        #expect(first.isHeld)
        do {
            _ = try DirectoryLock(directory: directory)
            Issue.record("a second lock was granted")
        } catch {
            #expect("\(error)".contains("is in use") && "\(error)".contains("process \(getpid())"))
        }
        first.release()
        first.release()
        #expect(!first.isHeld)
        var second: DirectoryLock? = try DirectoryLock(directory: directory)
        #expect(second?.isHeld == true)
        second = nil
        _ = try DirectoryLock(directory: directory)
    }

    @Test("a lock in a folder that does not exist says why")
    func missingFolder() {
        let directory = NodeDirectory(path: NSTemporaryDirectory() + "oln-lock-missing-\(UUID().uuidString)")
        #expect(throws: NodeError.self) { try DirectoryLock(directory: directory) }
    }

    @Test("a second node on a running node's directory is refused; once the first stopped, it starts")
    func secondNodeIsRefused() throws {
        let cluster = try NodeCluster(validatorCount: 1, slotMilliseconds: 200)
        let directory = try cluster.directory("node1", key: cluster.validatorKeys[0], bootstrap: [])
        let (first, _) = try cluster.start(directory)
        #expect(throws: NodeError.self) { try NodeRuntime(directory: directory) }
        first.stop()
        let (second, _) = try cluster.start(directory)
        second.stop()
        let unstarted = try NodeRuntime(directory: directory)
        unstarted.stop()
        let (third, _) = try cluster.start(directory)
        third.stop()
    }
}
