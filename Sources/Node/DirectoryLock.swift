import Foundation

/// The lock of the one process that writes a data directory's ledger: a running node, or
/// `oln chain import`. A second node started on the same directory — which would sign the
/// same slots twice and write the same ledger — is refused with an error naming the
/// process that holds it. An exclusive `flock` on `<dir>/oln.lock` (which holds that
/// process's id); the system releases it when the process ends, however it ends.
public final class DirectoryLock: @unchecked Sendable {
    /// The lock file.
    public let path: String
    private let stateLock = NSLock()
    private var descriptor: Int32?

    /// Takes the lock of `directory`, or throws at once if another process (or another
    /// holder in this one) has it.
    public init(directory: NodeDirectory) throws(NodeError) {
        path = directory.lockFilePath
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .dataDirectory("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno == EWOULDBLOCK ? Self.holderDescription(path) : String(cString: strerror(errno))
            close(descriptor)
            throw .dataDirectory("\(directory.path) is in use: \(reason); stop it first")
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        self.descriptor = descriptor
    }

    deinit {
        release()
    }

    /// Releases the lock. Idempotent.
    public func release() {
        stateLock.lock()
        defer { stateLock.unlock() }
        guard let descriptor else { return }
        self.descriptor = nil
        _ = ftruncate(descriptor, 0)
        close(descriptor)
    }

    /// Whether the lock is still held by this object.
    public var isHeld: Bool {
        stateLock.lock()
        defer { stateLock.unlock() }
        return descriptor != nil
    }

    private static func holderDescription(_ path: String) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let text, let process = Int32(text) else { return "another oln process holds \(path)" }
        return "oln process \(process) holds \(path)"
    }
}
