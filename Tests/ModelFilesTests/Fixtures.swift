import Foundation
import ModelFiles

/// The committed fixtures (Tests/ModelFilesTests/Fixtures, made by make_fixtures.py with the
/// reference implementations) and the expected values the generator computed.
enum Fixtures {
    /// The fixtures folder, found from this file's path (it is not a target resource).
    static let folder: String = {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        return here.appendingPathComponent("Fixtures").path + "/"
    }()

    static func path(_ name: String) -> String { folder + name }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    /// expected.json, decoded with Foundation (independent of the module's own JSON parser).
    static let expected: ExpectedValues = {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path("expected.json")))
            return try JSONDecoder().decode(ExpectedValues.self, from: data)
        } catch {
            preconditionFailure("cannot read expected.json: \(error)")  // a broken fixture is a test bug
        }
    }()

    /// A temporary file path unique to this process and `name`.
    static func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "modelfiles-\(getpid())-\(UInt64.random(in: 0...UInt64.max))-\(name)"
    }
}
