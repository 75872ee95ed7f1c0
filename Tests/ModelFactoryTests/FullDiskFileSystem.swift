import Synchronization
@testable import ModelFactory

/// A fake of the disk, not of the code under test: the real file system, except that
/// writes fail with "no space left on device" once `byteBudget` bytes have been written.
final class FullDiskFileSystem: FileSystem {
    private let real = POSIXFileSystem()
    private let budget: Mutex<Int>

    init(byteBudget: Int) {
        budget = Mutex(byteBudget)
    }

    /// Sets the bytes that may still be written.
    func setBudget(_ byteCount: Int) { budget.withLock { $0 = byteCount } }

    func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(ModelFactoryError) -> Int {
        let allowed = budget.withLock { left in
            let count = min(left, bytes.count)
            left -= count
            return count
        }
        guard allowed > 0 else { throw ModelFactoryError(.fileSystem, "cannot write \(path): No space left on device") }
        return try real.write(descriptor, UnsafeRawBufferPointer(rebasing: bytes[0..<allowed]), path: path)
    }

    func createDirectory(_ path: String) throws(ModelFactoryError) { try real.createDirectory(path) }
    func contentsOfDirectory(_ path: String) throws(ModelFactoryError) -> [String] { try real.contentsOfDirectory(path) }
    func fileExists(_ path: String) -> Bool { real.fileExists(path) }
    func readFile(_ path: String, byteCountMax: Int) throws(ModelFactoryError) -> [UInt8] {
        try real.readFile(path, byteCountMax: byteCountMax)
    }
    func removeFile(_ path: String) throws(ModelFactoryError) { try real.removeFile(path) }
    func openForWriting(_ path: String) throws(ModelFactoryError) -> Int32 { try real.openForWriting(path) }
    func synchronize(_ descriptor: Int32, path: String) throws(ModelFactoryError) { try real.synchronize(descriptor, path: path) }
    func close(_ descriptor: Int32, path: String) throws(ModelFactoryError) { try real.close(descriptor, path: path) }
    func rename(_ source: String, to destination: String) throws(ModelFactoryError) { try real.rename(source, to: destination) }
    func synchronizeDirectory(_ path: String) throws(ModelFactoryError) { try real.synchronizeDirectory(path) }
}
