/// Places GGUF tensor entries in the file: checks each tensor's shape and size, that its
/// offset is aligned, that its bytes lie inside the file, and that no two tensors overlap.
enum GGUFTensorLayout {
    static func place(_ entries: [GGUFTensorEntry], dataOffset: Int, alignment: Int, fileByteCount: Int,
                      limits: GGUFLimits) throws(ModelFileError) -> [GGUFTensorInfo] {
        var tensors: [GGUFTensorInfo] = []
        tensors.reserveCapacity(entries.count)
        for entry in entries {
            tensors.append(try place(entry, dataOffset: dataOffset, alignment: alignment,
                                     fileByteCount: fileByteCount, limits: limits))
        }
        try checkNoOverlap(tensors)
        return tensors
    }

    private static func place(_ entry: GGUFTensorEntry, dataOffset: Int, alignment: Int, fileByteCount: Int,
                              limits: GGUFLimits) throws(ModelFileError) -> GGUFTensorInfo {
        let byteCount = try byteCount(of: entry, limits: limits)
        guard let offset = Int(exactly: entry.offset), offset % alignment == 0 else {
            throw ModelFileError(.misaligned, at: entry.entryOffset,
                                 "tensor \(entry.name) has offset \(entry.offset), not a multiple of \(alignment)")
        }
        let start = dataOffset.addingReportingOverflow(offset)
        let end = start.partialValue.addingReportingOverflow(byteCount)
        guard !start.overflow, !end.overflow, end.partialValue <= fileByteCount else {
            throw ModelFileError(.tensorOutOfBounds, at: entry.entryOffset,
                                 "tensor \(entry.name) needs \(byteCount) bytes at data offset \(entry.offset), "
                                 + "beyond the end of the \(fileByteCount)-byte file")
        }
        return GGUFTensorInfo(name: entry.name, dimensions: entry.dimensions, type: entry.type, offset: offset,
                              byteRange: start.partialValue..<end.partialValue, entryOffset: entry.entryOffset)
    }

    /// The tensor's size: whole blocks per row times the rows, overflow-checked.
    private static func byteCount(of entry: GGUFTensorEntry, limits: GGUFLimits) throws(ModelFileError) -> Int {
        // Zero extents count as 1 here, so no partial product (such as a row count) can overflow.
        var elements = 1
        for extent in entry.dimensions {
            let product = elements.multipliedReportingOverflow(by: max(extent, 1))
            guard !product.overflow, product.partialValue <= limits.elementCountMax else {
                throw ModelFileError(.limitExceeded, at: entry.entryOffset,
                                     "tensor \(entry.name) with dimensions \(entry.dimensions) has more than "
                                     + "\(limits.elementCountMax) elements")
            }
            elements = product.partialValue
        }
        let rowLength = entry.dimensions.first ?? 1
        guard let rowBytes = entry.type.rowByteCount(rowLength: rowLength) else {
            throw ModelFileError(.invalidShape, at: entry.entryOffset,
                                 "tensor \(entry.name) has rows of \(rowLength) elements, not a multiple of "
                                 + "\(entry.type.name)'s block of \(entry.type.blockElementCount)")
        }
        let rows = entry.dimensions.dropFirst().reduce(1, *)  // at most `elements`, checked above
        let total = rowBytes.multipliedReportingOverflow(by: rows)
        guard !total.overflow else {
            throw ModelFileError(.arithmeticOverflow, at: entry.entryOffset, "tensor \(entry.name)'s size overflows")
        }
        return total.partialValue
    }

    private static func checkNoOverlap(_ tensors: [GGUFTensorInfo]) throws(ModelFileError) {
        let ordered = tensors.sorted { ($0.byteRange.lowerBound, $0.byteRange.upperBound)
                                        < ($1.byteRange.lowerBound, $1.byteRange.upperBound) }
        var previous: GGUFTensorInfo?
        for tensor in ordered where !tensor.byteRange.isEmpty {
            if let previous, tensor.byteRange.lowerBound < previous.byteRange.upperBound {
                throw ModelFileError(.tensorOverlap, at: tensor.entryOffset,
                                     "tensor \(tensor.name) (bytes \(tensor.byteRange)) overlaps tensor "
                                     + "\(previous.name) (bytes \(previous.byteRange))")
            }
            previous = tensor
        }
    }
}
