import Foundation

/// A fresh directory for a test's database files, removed when the test lets go of it.
final class TemporaryDirectory {
    /// The directory's path.
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("oln-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The path of a file named `name` in the directory.
    func file(_ name: String) -> String {
        path + "/" + name
    }
}
