import Foundation

/// The node's data directory: `$OLN_DATA_DIR`, else `~/.oln`.
struct DataDirectory {
    let path: String

    init(environment: [String: String]) {
        if let configured = environment["OLN_DATA_DIR"], !configured.isEmpty {
            path = configured
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            path = (home as NSString).appendingPathComponent(".oln")
        }
    }

    /// The default identity key file.
    var keyFilePath: String { (path as NSString).appendingPathComponent("node.key") }

    /// The ledger database.
    var chainDatabasePath: String { (path as NSString).appendingPathComponent("chain.sqlite") }

    /// Creates the directory, readable by the owner only, when it does not exist yet.
    func create() throws {
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
}
