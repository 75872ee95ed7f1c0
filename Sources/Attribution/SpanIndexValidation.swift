/// How thoroughly a span index file is checked when it is opened.
public enum SpanIndexValidation: Sendable, Equatable {
    /// Header, limits, section lengths, zero padding, the root, the document table and
    /// separators, token values, unique ids, and that the suffix array is a permutation of
    /// the text positions: linear time, and enough that no query can read out of bounds.
    /// A file with a correct root but a badly ordered suffix array answers queries wrongly
    /// (never unsafely); use ``full`` for files from a party not trusted to build them.
    case structure
    /// ``structure``, then the suffix array and the credited-document table are rebuilt from
    /// the text and compared: the file is then exactly what ``SpanIndexBuilder`` makes from
    /// its documents.
    case full
}
