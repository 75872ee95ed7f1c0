/// The file operations a job performs, so that the durable-write algorithm can be tested
/// against faults (a disk that fills up) on the real file system. `POSIXFileSystem` is
/// the real one. Paths are plain strings; descriptors are the system's.
public protocol FileSystem: Sendable {
    /// Creates `path` (one level) unless it exists.
    func createDirectory(_ path: String) throws(ModelFactoryError)
    /// The names in directory `path`.
    func contentsOfDirectory(_ path: String) throws(ModelFactoryError) -> [String]
    /// Whether a file or directory exists at `path`.
    func fileExists(_ path: String) -> Bool
    /// The whole file, refused when longer than `byteCountMax`.
    func readFile(_ path: String, byteCountMax: Int) throws(ModelFactoryError) -> [UInt8]
    /// Removes a file; absent files are not an error.
    func removeFile(_ path: String) throws(ModelFactoryError)
    /// Creates or truncates `path` for writing.
    func openForWriting(_ path: String) throws(ModelFactoryError) -> Int32
    /// Writes some of `bytes`; returns how many were written (at least 1).
    func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(ModelFactoryError) -> Int
    /// Flushes the file to stable storage (fsync).
    func synchronize(_ descriptor: Int32, path: String) throws(ModelFactoryError)
    /// Closes the descriptor.
    func close(_ descriptor: Int32, path: String) throws(ModelFactoryError)
    /// Renames `source` over `destination` atomically.
    func rename(_ source: String, to destination: String) throws(ModelFactoryError)
    /// Flushes directory `path`'s entries (so a rename survives a crash).
    func synchronizeDirectory(_ path: String) throws(ModelFactoryError)
}
