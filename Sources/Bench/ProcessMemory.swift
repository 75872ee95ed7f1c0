import Foundation

/// This process's memory, from /proc/self/status (Linux).
enum ProcessMemory {
    /// The peak resident set size (VmHWM) in bytes; 0 where /proc is unavailable.
    static func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes * 1024
    }
}
