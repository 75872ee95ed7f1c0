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
        // libp2p protocol machines, sans-IO: bytes, events and `now` in, actions out.
        .target(name: "Multistream", dependencies: ["Wire"]),
        .target(name: "Noise", dependencies: ["Identity", "Wire", "Sodium"]),
        .target(name: "Yamux", dependencies: ["Wire"]),
        // The libp2p host, sans-IO: connection upgrade, identify, ping, peer store, limits.
        .target(name: "P2P", dependencies: ["Multistream", "Noise", "Yamux", "Identity", "Wire", "Sodium"]),
        // Gossipsub, sans-IO: the RPC wire layer, peer scoring and caches.
        .target(name: "Gossip", dependencies: ["Identity", "Wire", "Sodium"]),
        // Many nodes' protocol code in one process on a virtual clock, seeded.
        .target(name: "Simulation"),
        // Gossipsub routers in the simulator: scenarios and their figures.
        .target(name: "GossipSimulation", dependencies: ["Gossip", "Simulation", "Identity", "Sodium"]),
        // SQLite: connections, prepared statements, migrations, and the rooted key-value state.
        .target(name: "Store", dependencies: ["CSQLite", "Sodium"]),
        // The deterministic ledger: transactions, genesis, the state machine on Store.
        .target(name: "Ledger", dependencies: ["Store", "Identity", "Wire", "Sodium"]),
        // Seeded random transaction workloads over a genesis: property tests, crash tests, benchmarks.
        .target(name: "LedgerWorkload", dependencies: ["Ledger", "Identity", "Sodium"]),
        // The rotating sequencer, sans-IO: leader schedule, mempool, batches, attestations, finality.
        .target(name: "Sequencer", dependencies: ["Ledger", "Identity", "Wire", "Sodium"]),
        // One peer as an operator runs it: data directory, configuration, roles.
        .target(name: "Node", dependencies: ["Sequencer", "Network", "Gossip", "P2P", "IO", "Store", "Ledger", "Identity", "Wire", "Sodium"]),
        // Proof of Attribution: span attribution over a suffix-array index, near-duplicate clustering.
        .target(name: "Attribution", dependencies: ["Sodium"]),
        // Model files: GGUF and safetensors readers, quantized block formats.
        .target(name: "ModelFiles"),
        // Compute kernels: f32 products on OpenBLAS, quantized rows with SIMD dot products, a backend seam.
        .target(name: "Tensor", dependencies: ["COpenBLAS", "ModelFiles"]),
        // The model runtime: Llama forward pass, KV cache, sampling (LoRA adapters to come).
        .target(name: "OpenLoRA", dependencies: ["Tensor", "ModelFiles"]),
        // Tokenizers: byte-level BPE and SentencePiece-style BPE, special tokens, chat templates.
        .target(name: "Tokenizers", dependencies: ["ModelFiles"]),
        // LoRA training: a forward pass that keeps activations and the backward pass for LoRA factors.
        .target(name: "LoRATraining", dependencies: ["OpenLoRA", "Tensor", "ModelFiles", "COpenBLAS"]),
        // ModelFactory: fine-tuning jobs on a Datanet version, checkpoints, gradient stores, reports.
        .target(name: "ModelFactory", dependencies: ["LoRATraining", "OpenLoRA", "Tokenizers", "Tensor", "ModelFiles", "Sodium"]),
        // Influence attribution ("influence/1"): query gradients scored against a training job's gradient stores.
        .target(name: "InfluenceAttribution", dependencies: ["ModelFactory", "LoRATraining", "Attribution", "OpenLoRA", "Tokenizers", "Sodium"]),
        // HTTP/1.1, sans-IO: a bounded request parser, responses, chunked bodies and server-sent events.
        .target(name: "HTTP"),
        // The node's HTTP API on IO's sockets: OpenAI-compatible inference over the scheduler, metrics.
        .target(name: "InferenceAPI", dependencies: ["HTTP", "IO", "OpenLoRA", "Tokenizers", "Tensor", "ModelFiles"]),
        // The only user of libuv: loop thread, TCP, timers, cross-thread wake-ups, worker pool.
        .target(name: "IO", dependencies: ["CLibUV"]),
        // Runs the P2P host on IO's sockets.
        .target(name: "Network", dependencies: ["IO", "P2P", "Gossip", "Identity", "Wire", "Sodium"]),
        // The host role: a base model and its adapters served over the API, a signed receipt per answer.
        .target(name: "Hosting", dependencies: ["InfluenceAttribution", "LoRATraining", "Node", "Gossip", "InferenceAPI", "HTTP", "IO", "OpenLoRA", "Tokenizers", "Attribution", "ModelFactory", "Ledger", "Identity", "Wire", "Sodium"]),
        // The curator role's automatic policy: size and near-duplicate checks, votes submitted through the node.
        .target(name: "Curation", dependencies: ["Node", "Attribution", "Ledger", "Identity", "Wire", "Sodium"]),
        // Attribution audits beside a node: tier-1 span and tier-2 influence re-verification of receipts, challenges and votes.
        .target(name: "Audit", dependencies: ["Hosting", "Sequencer", "InfluenceAttribution", "LoRATraining", "ModelFactory", "Attribution", "OpenLoRA", "Tokenizers", "Node", "Ledger", "Identity", "Wire", "Sodium"]),
        // The command-line interface, kept out of the executable so that it can be tested.
        .target(name: "OLNCommand", dependencies: ["Audit", "Curation", "Hosting", "ModelFactory", "LoRATraining", "InferenceAPI", "HTTP", "Sequencer", "OpenLoRA", "Tokenizers", "Tensor", "ModelFiles", "Node", "Ledger", "Network", "P2P", "Gossip", "IO", "Identity", "Wire", "Sodium"]),
        .executableTarget(name: "oln", dependencies: ["OLNCommand"]),
        // Benchmarks behind Scripts/bench: they print the figures the targets are checked by.
        .executableTarget(name: "oln-bench", dependencies: ["Node", "InfluenceAttribution", "LoRATraining", "ModelFactory", "Attribution", "OpenLoRA", "Tokenizers", "Tensor", "ModelFiles", "Ledger", "LedgerWorkload", "Store", "Network", "P2P", "IO", "Identity", "Wire", "Sodium", "Gossip", "GossipSimulation"], path: "Sources/Bench"),

        // Fixtures shared by the test targets: hex vectors, seeded randomness, spec vectors.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SodiumTests", dependencies: ["Sodium", "TestSupport"]),
        .testTarget(name: "WireTests", dependencies: ["Wire", "TestSupport"]),
        .testTarget(name: "IdentityTests", dependencies: ["Identity", "Wire", "Sodium", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "OLNCommandTests", dependencies: ["OLNCommand", "OpenLoRA", "Tokenizers", "Node", "Ledger", "Identity", "Network", "Gossip", "IO", "Wire", "TestSupport"]),
        .testTarget(name: "MultistreamTests", dependencies: ["Multistream", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "NoiseTests", dependencies: ["Noise", "Identity", "Sodium", "Wire", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "YamuxTests", dependencies: ["Yamux", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "P2PTests", dependencies: ["P2P", "Multistream", "Noise", "Yamux", "Identity", "Wire", "Sodium", "TestSupport"]),
        .testTarget(name: "NetworkTests", dependencies: ["Network", "P2P", "Gossip", "IO", "Identity", "Wire", "TestSupport"]),
        .testTarget(name: "InteropTests", dependencies: ["Network", "P2P", "Gossip", "IO", "Identity", "Wire", "TestSupport"]),
        .testTarget(name: "GossipTests", dependencies: ["Gossip", "GossipSimulation", "Simulation", "Identity", "Wire", "Sodium", "TestSupport"], exclude: ["RPC/Fixtures"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Sodium", "TestSupport"]),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger", "LedgerWorkload", "Store", "Identity", "Wire", "Sodium", "TestSupport"]),
        .testTarget(name: "AttributionTests", dependencies: ["Attribution", "Sodium", "TestSupport"]),
        .testTarget(name: "LoRATrainingTests", dependencies: ["LoRATraining", "OpenLoRA", "Tensor", "ModelFiles", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ModelFactoryTests", dependencies: ["ModelFactory", "LoRATraining", "OpenLoRA", "Tokenizers", "Tensor", "ModelFiles", "Sodium", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "InfluenceAttributionTests", dependencies: ["InfluenceAttribution", "ModelFactory", "LoRATraining", "Attribution", "OpenLoRA", "Tokenizers", "Tensor", "ModelFiles", "Sodium", "TestSupport"]),
        .testTarget(name: "HostingTests", dependencies: ["Hosting", "Node", "Gossip", "InferenceAPI", "HTTP", "Ledger", "Identity", "Sodium", "Wire", "TestSupport"]),
        .testTarget(name: "AuditTests", dependencies: ["Audit", "Hosting", "InfluenceAttribution", "LoRATraining", "ModelFactory", "Attribution", "OpenLoRA", "Tokenizers", "Node", "Ledger", "Identity", "Wire", "Sodium", "TestSupport"]),
        .testTarget(name: "CurationTests", dependencies: ["Curation", "Node", "Attribution", "Ledger", "Identity", "Wire", "Sodium", "TestSupport"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "TestSupport"]),
        .testTarget(name: "InferenceAPITests", dependencies: ["InferenceAPI", "HTTP", "IO", "OpenLoRA", "Tokenizers", "Tensor", "ModelFiles", "TestSupport"]),
        .testTarget(name: "NodeTests", dependencies: ["Node", "Sequencer", "Network", "P2P", "IO", "Ledger", "Identity", "Wire", "Sodium", "TestSupport"]),
        .testTarget(name: "SequencerTests", dependencies: ["Sequencer", "Ledger", "Identity", "Sodium", "Wire", "Simulation", "TestSupport"]),
        .testTarget(name: "ModelFilesTests", dependencies: ["ModelFiles", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor", "ModelFiles", "TestSupport"]),
        .testTarget(name: "OpenLoRATests", dependencies: ["OpenLoRA", "Tensor", "ModelFiles", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "TokenizersTests", dependencies: ["Tokenizers", "ModelFiles", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation"]),
        .testTarget(name: "IOTests", dependencies: ["IO"]),
        .testTarget(name: "SystemLibraryTests", dependencies: ["CLibUV", "CSQLite", "COpenBLAS"]),
    ],
    swiftLanguageModes: [.v6]
)
