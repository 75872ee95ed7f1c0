import Foundation

/// Where a command writes: standard output for results, standard error for diagnostics.
/// Tests capture both; the executable passes the process's streams.
public final class Console: @unchecked Sendable {
    private let writeOutput: (String) -> Void
    private let writeError: (String) -> Void

    public init(output: @escaping (String) -> Void, error: @escaping (String) -> Void) {
        writeOutput = output
        writeError = error
    }

    /// The process's standard output and standard error.
    public static func standard() -> Console {
        Console(
            output: { FileHandle.standardOutput.write(Data($0.utf8)) },
            error: { FileHandle.standardError.write(Data($0.utf8)) })
    }

    /// Writes a line of results.
    public func print(_ line: String) {
        writeOutput(line + "\n")
    }

    /// Writes text to the results as it is, without a line break (streamed output).
    public func write(_ text: String) {
        writeOutput(text)
    }

    /// Writes a line of diagnostics.
    public func error(_ line: String) {
        writeError(line + "\n")
    }

    /// Writes diagnostics as they are (a progress line redrawn after a carriage return).
    public func errorText(_ text: String) {
        writeError(text)
    }
}
