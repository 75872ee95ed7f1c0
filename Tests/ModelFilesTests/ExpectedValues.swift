import ModelFiles

// The values make_fixtures.py computed with gguf-py and safetensors, as stored in expected.json.

/// The contents of expected.json.
struct ExpectedValues: Decodable {
    let tinyV3: ExpectedGGUF
    let aligned64V3: ExpectedGGUF
    let smallV2: ExpectedGGUF
    let quantizer: ExpectedQuantizer
    let quantSizes: [String: [Int]]
    let modelSafetensors: ExpectedSafetensors
    let sharded: ExpectedShards

    enum CodingKeys: String, CodingKey {
        case tinyV3 = "tiny-v3.gguf", aligned64V3 = "aligned64-v3.gguf", smallV2 = "small-v2.gguf"
        case quantizer, quantSizes = "quant_sizes", modelSafetensors = "model.safetensors", sharded
    }
}

struct ExpectedGGUF: Decodable {
    let version: UInt32
    let alignment: Int
    let dataOffset: Int
    let byteCount: Int
    let metadataKeys: [String]
    let metadata: [String: ExpectedMetadata]
    let tensors: [ExpectedGGUFTensor]

    enum CodingKeys: String, CodingKey {
        case version, alignment, dataOffset = "data_offset", byteCount = "byte_count"
        case metadataKeys = "metadata_keys", metadata, tensors
    }
}

struct ExpectedGGUFTensor: Decodable {
    let name: String
    let dimensions: [Int]
    let type: String
    let typeId: UInt32
    let elementCount: Int
    let byteCount: Int
    let fileOffset: Int
    let values: [Double]?
    let integers: [Int32]?

    var floats: [Float]? { values?.map(Float.init) }

    enum CodingKeys: String, CodingKey {
        case name, dimensions, type, typeId = "type_id", elementCount = "element_count"
        case byteCount = "byte_count", fileOffset = "file_offset", values, integers
    }
}

/// A metadata value as gguf-py's reader reported it, decoded into the value it must equal.
struct ExpectedMetadata: Decodable {
    let value: GGUFValue

    enum CodingKeys: String, CodingKey { case type, value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        if type == "array" {
            value = .array(try container.decode(ExpectedArray.self, forKey: .value).array)
            return
        }
        value = try Self.scalar(type, container)
    }

    private static func scalar(_ type: String, _ container: KeyedDecodingContainer<CodingKeys>) throws -> GGUFValue {
        switch type {
        case "uint8": .uint8(try container.decode(UInt8.self, forKey: .value))
        case "int8": .int8(try container.decode(Int8.self, forKey: .value))
        case "uint16": .uint16(try container.decode(UInt16.self, forKey: .value))
        case "int16": .int16(try container.decode(Int16.self, forKey: .value))
        case "uint32": .uint32(try container.decode(UInt32.self, forKey: .value))
        case "int32": .int32(try container.decode(Int32.self, forKey: .value))
        case "uint64": .uint64(try container.decode(UInt64.self, forKey: .value))
        case "int64": .int64(try container.decode(Int64.self, forKey: .value))
        case "float32": .float32(Float(try container.decode(Double.self, forKey: .value)))
        case "float64": .float64(try container.decode(Double.self, forKey: .value))
        case "bool": .bool(try container.decode(Bool.self, forKey: .value))
        case "string": .string(try container.decode(String.self, forKey: .value))
        default: throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: type)
        }
    }
}

struct ExpectedArray: Decodable {
    let array: GGUFArray

    enum CodingKeys: String, CodingKey { case elementType = "element_type", items }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .elementType)
        array = try Self.items(type, container)
    }

    private static func items(_ type: String, _ container: KeyedDecodingContainer<CodingKeys>) throws -> GGUFArray {
        switch type {
        case "uint8": .uint8(try container.decode([UInt8].self, forKey: .items))
        case "int8": .int8(try container.decode([Int8].self, forKey: .items))
        case "uint16": .uint16(try container.decode([UInt16].self, forKey: .items))
        case "int16": .int16(try container.decode([Int16].self, forKey: .items))
        case "uint32": .uint32(try container.decode([UInt32].self, forKey: .items))
        case "int32": .int32(try container.decode([Int32].self, forKey: .items))
        case "uint64": .uint64(try container.decode([UInt64].self, forKey: .items))
        case "int64": .int64(try container.decode([Int64].self, forKey: .items))
        case "float32": .float32(try container.decode([Double].self, forKey: .items).map(Float.init))
        case "float64": .float64(try container.decode([Double].self, forKey: .items))
        case "bool": .bool(try container.decode([Bool].self, forKey: .items))
        case "string": .string(try container.decode([String].self, forKey: .items))
        case "array": .array(try container.decode([ExpectedArray].self, forKey: .items).map(\.array))
        default: throw DecodingError.dataCorruptedError(forKey: .elementType, in: container, debugDescription: type)
        }
    }
}

struct ExpectedQuantizer: Decodable {
    struct Vector: Decodable {
        let bytes: String
        let dequantized: [Double]
    }

    let input: [Double]
    let types: [String: Vector]
}

struct ExpectedSafetensors: Decodable {
    struct Tensor: Decodable {
        let dtype: String
        let shape: [Int]
        let dataOffsets: [Int]
        let values: [Double]?

        enum CodingKeys: String, CodingKey { case dtype, shape, dataOffsets = "data_offsets", values }
    }

    let headerLength: Int
    let byteCount: Int
    let metadata: [String: String]
    let tensors: [String: Tensor]

    enum CodingKeys: String, CodingKey {
        case headerLength = "header_length", byteCount = "byte_count", metadata, tensors
    }
}

struct ExpectedShards: Decodable {
    struct Tensor: Decodable {
        let values: [Double]
        let shape: [Int]
    }

    let tensors: [String: Tensor]
}
