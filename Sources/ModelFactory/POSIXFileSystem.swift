#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real file system, through POSIX calls.
public struct POSIXFileSystem: FileSystem {
    /// The file system.
    public init() {}

    public func createDirectory(_ path: String) throws(ModelFactoryError) {
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw Self.failure("cannot create directory \(path)") }
    }

    public func contentsOfDirectory(_ path: String) throws(ModelFactoryError) -> [String] {
        guard let directory = opendir(path) else { throw Self.failure("cannot list \(path)") }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    public func fileExists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    public func readFile(_ path: String, byteCountMax: Int) throws(ModelFactoryError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure("cannot open \(path)") }
        defer { Glibc.close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Self.failure("cannot read the size of \(path)") }
        let size = Int(status.st_size)
        guard size <= byteCountMax else {
            throw ModelFactoryError(.limitExceeded, "\(path) is \(size) bytes; the limit is \(byteCountMax)")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + done, size - done) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw Self.failure("cannot read \(path)") }
            done += count
        }
        return bytes
    }

    public func removeFile(_ path: String) throws(ModelFactoryError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw Self.failure("cannot remove \(path)") }
    }

    public func openForWriting(_ path: String) throws(ModelFactoryError) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.failure("cannot create \(path)") }
        return descriptor
    }

    public func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(ModelFactoryError) -> Int {
        while true {
            let count = Glibc.write(descriptor, bytes.baseAddress!, bytes.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw Self.failure("cannot write \(path)") }
            return count
        }
    }

    public func synchronize(_ descriptor: Int32, path: String) throws(ModelFactoryError) {
        guard fsync(descriptor) == 0 else { throw Self.failure("cannot flush \(path) to disk") }
    }

    public func close(_ descriptor: Int32, path: String) throws(ModelFactoryError) {
        guard Glibc.close(descriptor) == 0 else { throw Self.failure("cannot close \(path)") }
    }

    public func rename(_ source: String, to destination: String) throws(ModelFactoryError) {
        guard Glibc.rename(source, destination) == 0 else { throw Self.failure("cannot rename \(source) to \(destination)") }
    }

    public func synchronizeDirectory(_ path: String) throws(ModelFactoryError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure("cannot open directory \(path)") }
        defer { Glibc.close(descriptor) }
        guard fsync(descriptor) == 0 else { throw Self.failure("cannot flush directory \(path) to disk") }
    }

    private static func failure(_ what: String) -> ModelFactoryError {
        ModelFactoryError(.fileSystem, "\(what): \(String(cString: strerror(errno)))")
    }
}
