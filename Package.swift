// swift-tools-version:6.0
// The oln node set. Layers point down only; see docs/architecture.md for the module map.
import PackageDescription

let package = Package(
    name: "oln",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "oln", targets: ["oln"]),
    ],
    targets: [
        // C libraries from Debian, found through pkg-config. Module maps only, no logic.
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CLibUV", pkgConfig: "libuv", providers: [.apt(["libuv1-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),

        // Cryptography: the only importer of libsodium.
        .target(name: "Sodium", dependencies: ["CSodium"]),
        // Byte-level codecs: varints, protobuf, base58, multibase, multihash, multiaddr, libp2p keys.
        .target(name: "Wire"),
        // Keys, peer ids, account addresses, key files, signed canonical messages.
        .target(name: "Identity", dependencies: ["Wire", "Sodium"]),
        // The command-line interface, kept out of the executable so that it can be tested.
        .target(name: "OLNCommand", dependencies: ["Identity", "Wire", "Sodium"]),
        .executableTarget(name: "oln", dependencies: ["OLNCommand"]),

        // Fixtures shared by the test targets: hex vectors, seeded randomness, spec vectors.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SodiumTests", dependencies: ["Sodium", "TestSupport"]),
        .testTarget(name: "WireTests", dependencies: ["Wire", "TestSupport"]),
        .testTarget(name: "IdentityTests", dependencies: ["Identity", "Wire", "Sodium", "TestSupport"]),
        .testTarget(name: "OLNCommandTests", dependencies: ["OLNCommand", "Identity"]),
        .testTarget(name: "SystemLibraryTests", dependencies: ["CLibUV", "CSQLite", "COpenBLAS"]),
    ],
    swiftLanguageModes: [.v6]
)
