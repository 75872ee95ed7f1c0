/// Named limits on everything a span index holds, enforced when documents are appended and
/// when a file is read.
public enum SpanIndexLimits {
    /// The most documents (accepted contributions) in one index.
    public static let documentCountMax = 1 << 20
    /// The most positions in the text (document tokens plus one separator per document):
    /// positions are stored as u32 and the suffix sorter works in Int32 with one spare value.
    public static let textTokenCountMax = Int(Int32.max) - 1
    /// The byte length of a contribution id.
    public static let documentIDByteCount = 32
    /// The token that ends every document in the text; no document token may equal it.
    public static let separator = UInt32.max
}
