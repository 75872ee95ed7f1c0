#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A model stored as safetensors shards named by an index file, or as one
/// `model.safetensors`: every shard mapped, every tensor found in exactly one place.
public struct ShardedSafetensors: Sendable {
    /// The shards by file name.
    public let shards: [String: SafetensorsFile]
    /// The shard file name of each tensor.
    public let weightMap: [String: String]

    /// The single-file model's conventional file name.
    public static let singleFileName = "model.safetensors"

    /// Opens the shards named by the index file at `indexPath` (they lie in its folder) and
    /// checks that each tensor of the weight map is in the shard it names and in no other.
    public init(indexFile indexPath: String, limits: SafetensorsLimits = .standard) throws(ModelFileError) {
        let index = try SafetensorsIndex(contentsOfFile: indexPath, limits: limits)
        let folder = Self.folder(of: indexPath)
        var shards: [String: SafetensorsFile] = [:]
        for name in index.shardFileNames {
            shards[name] = try SafetensorsFile(contentsOfFile: folder + name, limits: limits)
        }
        try Self.check(index.weightMap, against: shards)
        self.shards = shards
        weightMap = index.weightMap
    }

    /// Opens the model in `directory`: through its `model.safetensors.index.json` when there is
    /// one, otherwise its `model.safetensors`.
    public init(directory: String, limits: SafetensorsLimits = .standard) throws(ModelFileError) {
        let folder = directory.hasSuffix("/") ? directory : directory + "/"
        guard access(folder + SafetensorsIndex.fileName, F_OK) != 0 else {
            try self.init(indexFile: folder + SafetensorsIndex.fileName, limits: limits)
            return
        }
        let single = try SafetensorsFile(contentsOfFile: folder + Self.singleFileName, limits: limits)
        self.init(shards: [Self.singleFileName: single],
                  weightMap: Dictionary(uniqueKeysWithValues: single.tensorNames.map { ($0, Self.singleFileName) }))
    }

    private init(shards: [String: SafetensorsFile], weightMap: [String: String]) {
        self.shards = shards
        self.weightMap = weightMap
    }

    /// The names of every tensor, sorted.
    public var tensorNames: [String] { weightMap.keys.sorted() }

    /// A compute view of the tensor named `name` (nil when there is none); throws
    /// `.unsupportedType` for a dtype other than F32, F16 and BF16.
    public func tensor(named name: String) throws(ModelFileError) -> TensorView? {
        guard let shardName = weightMap[name], let shard = shards[shardName] else { return nil }
        return try shard.tensor(named: name)
    }

    /// The directory entry of the tensor named `name`.
    public func tensorInfo(named name: String) -> SafetensorsTensorInfo? {
        weightMap[name].flatMap { shards[$0] }?.header.tensor(named: name)
    }

    private static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    private static func check(_ weightMap: [String: String], against shards: [String: SafetensorsFile])
        throws(ModelFileError) {
        for (tensor, shardName) in weightMap where shards[shardName]?.header.tensor(named: tensor) == nil {
            throw ModelFileError(.missingTensor, at: nil, "tensor \(tensor) is not in its shard \(shardName)")
        }
        for (shardName, shard) in shards.sorted(by: { $0.key < $1.key }) {
            for tensor in shard.tensorNames where weightMap[tensor] != shardName {
                throw ModelFileError(.duplicateTensor, at: nil,
                                     "tensor \(tensor) in shard \(shardName) is mapped to "
                                     + "\(weightMap[tensor] ?? "no shard") by the index")
            }
        }
    }
}
