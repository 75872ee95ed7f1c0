/// Turns the members of a safetensors JSON header into metadata and validated tensors.
struct SafetensorsHeaderParser {
    let limits: SafetensorsLimits
    let dataOffset: Int
    let dataByteCount: Int

    func readMembers(_ members: JSONObject) throws(ModelFileError)
        -> ([String: String], [SafetensorsTensorInfo]) {
        let tensorCount = members.count - (members[SafetensorsHeader.metadataKey] == nil ? 0 : 1)
        guard tensorCount <= limits.tensorCountMax else {
            throw ModelFileError(.limitExceeded, at: 8,
                                 "the header lists \(tensorCount) tensors; the limit is \(limits.tensorCountMax)")
        }
        var metadata: [String: String] = [:]
        var tensors: [SafetensorsTensorInfo] = []
        tensors.reserveCapacity(tensorCount)
        for key in members.keys {
            let value = members[key] ?? .null
            let offset = members.keyOffsets[key]
            if key == SafetensorsHeader.metadataKey {
                metadata = try readMetadata(value, at: offset)
            } else {
                tensors.append(try readTensor(key, value, at: offset))
            }
        }
        return (metadata, try tile(tensors, keyOffsets: members.keyOffsets))
    }

    private func readMetadata(_ value: JSONValue, at offset: Int?) throws(ModelFileError) -> [String: String] {
        guard case .object(let members) = value else {
            throw ModelFileError(.invalidHeader, at: offset, "__metadata__ is \(value.kindName), not an object")
        }
        var metadata: [String: String] = [:]
        for key in members.keys {
            guard let string = members[key]?.string else {
                throw ModelFileError(.invalidHeader, at: members.keyOffsets[key],
                                     "__metadata__ member \(key) is not a string")
            }
            metadata[key] = string
        }
        return metadata
    }

    private func readTensor(_ name: String, _ value: JSONValue, at offset: Int?) throws(ModelFileError)
        -> SafetensorsTensorInfo {
        guard case .object(let fields) = value else {
            throw ModelFileError(.invalidHeader, at: offset, "tensor \(name) is \(value.kindName), not an object")
        }
        guard let dtypeName = fields["dtype"]?.string else {
            throw ModelFileError(.invalidHeader, at: offset, "tensor \(name) has no string \"dtype\"")
        }
        guard let dtype = SafetensorsDType(rawValue: dtypeName) else {
            throw ModelFileError(.unknownTensorType, at: offset, "tensor \(name) has unknown dtype \(dtypeName)")
        }
        let shape = try readShape(fields["shape"], name, at: offset)
        let range = try readOffsets(fields["data_offsets"], name, at: offset)
        let byteCount = try byteCount(dtype, shape, name, at: offset)
        guard range.count == byteCount else {
            throw ModelFileError(.sizeMismatch, at: offset,
                                 "tensor \(name) spans \(range.count) bytes, but \(dtype.rawValue) \(shape) "
                                 + "needs \(byteCount)")
        }
        guard range.upperBound <= dataByteCount else {
            throw ModelFileError(.tensorOutOfBounds, at: offset,
                                 "tensor \(name) ends at data offset \(range.upperBound), beyond the "
                                 + "\(dataByteCount)-byte data section")
        }
        return SafetensorsTensorInfo(name: name, dtype: dtype, shape: shape, dataOffsets: range,
                                     byteRange: (dataOffset + range.lowerBound)..<(dataOffset + range.upperBound))
    }

    private func readShape(_ value: JSONValue?, _ name: String, at offset: Int?) throws(ModelFileError) -> [Int] {
        guard let elements = value?.array else {
            throw ModelFileError(.invalidHeader, at: offset, "tensor \(name) has no \"shape\" array")
        }
        guard elements.count <= limits.dimensionCountMax else {
            throw ModelFileError(.invalidShape, at: offset, "tensor \(name) has \(elements.count) dimensions; "
                                 + "the limit is \(limits.dimensionCountMax)")
        }
        var shape: [Int] = []
        for element in elements {
            guard let extent = element.integer, extent >= 0 else {
                throw ModelFileError(.invalidShape, at: offset, "tensor \(name) has a shape entry that is not "
                                     + "a non-negative integer")
            }
            shape.append(extent)
        }
        return shape
    }

    private func readOffsets(_ value: JSONValue?, _ name: String, at offset: Int?) throws(ModelFileError)
        -> Range<Int> {
        guard let pair = value?.array, pair.count == 2, let begin = pair[0].integer, let end = pair[1].integer,
              begin >= 0, end >= begin else {
            throw ModelFileError(.invalidHeader, at: offset,
                                 "tensor \(name) needs \"data_offsets\" [begin, end] with 0 ≤ begin ≤ end")
        }
        return begin..<end
    }

    /// The byte count `shape` of `dtype` needs, checked against the element limit.
    private func byteCount(_ dtype: SafetensorsDType, _ shape: [Int], _ name: String, at offset: Int?)
        throws(ModelFileError) -> Int {
        var elements = 1
        for extent in shape {
            let product = elements.multipliedReportingOverflow(by: extent)
            guard !product.overflow, product.partialValue <= limits.elementCountMax else {
                throw ModelFileError(.limitExceeded, at: offset, "tensor \(name) with shape \(shape) has more "
                                     + "than \(limits.elementCountMax) elements")
            }
            elements = product.partialValue
        }
        guard let bytes = dtype.byteCount(elementCount: elements) else {
            throw ModelFileError(.sizeMismatch, at: offset, "tensor \(name)'s \(elements) \(dtype.rawValue) elements "
                                 + "do not fill whole bytes")
        }
        return bytes
    }

    /// Sorts by offset and checks that the tensors cover the data section exactly.
    private func tile(_ tensors: [SafetensorsTensorInfo], keyOffsets: JSONObject.KeyOffsets) throws(ModelFileError)
        -> [SafetensorsTensorInfo] {
        let ordered = tensors.sorted { ($0.dataOffsets.lowerBound, $0.dataOffsets.upperBound)
                                        < ($1.dataOffsets.lowerBound, $1.dataOffsets.upperBound) }
        var end = 0
        for tensor in ordered {
            let start = tensor.dataOffsets.lowerBound
            if start < end {
                throw ModelFileError(.tensorOverlap, at: keyOffsets[tensor.name],
                                     "tensor \(tensor.name) starts at data offset \(start), inside the previous "
                                     + "tensor, which ends at \(end)")
            }
            if start > end {
                throw ModelFileError(.tensorGap, at: keyOffsets[tensor.name],
                                     "tensor \(tensor.name) starts at data offset \(start), leaving bytes "
                                     + "\(end)..<\(start) unclaimed")
            }
            end = tensor.dataOffsets.upperBound
        }
        guard end == dataByteCount else {
            throw ModelFileError(.tensorGap, at: dataOffset + end,
                                 "the data section has \(dataByteCount - end) bytes after its last tensor")
        }
        return ordered
    }
}
