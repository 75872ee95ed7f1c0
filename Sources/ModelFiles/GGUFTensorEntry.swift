/// A tensor directory entry as read, before its data is placed in and checked against the file.
struct GGUFTensorEntry {
    let name: String
    let dimensions: [Int]
    let type: GGMLType
    let offset: UInt64
    let entryOffset: Int
}
