import Foundation

/// Prints a command's result: aligned `name: value` lines for people, or one JSON object
/// (sorted keys) for scripts.
enum CommandReport {
    static func print(_ fields: [(String, Any)], json: Bool, console: Console) {
        if json {
            console.print(jsonText(Dictionary(fields, uniquingKeysWith: { _, last in last })))
            return
        }
        let width = (fields.map(\.0.count).max() ?? 0) + 2
        for (name, value) in fields {
            let label = name + ":"
            console.print(label.padding(toLength: max(width, label.count + 1), withPad: " ", startingAt: 0) + "\(value)")
        }
    }

    /// `value` (dictionaries, arrays, strings, numbers, booleans) as compact JSON with sorted keys.
    static func jsonText(_ value: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// A table with a header row, columns padded to their widest cell.
    static func table(_ header: [String], _ rows: [[String]], console: Console) {
        let widths = header.indices.map { column in
            ([header[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        console.print(line(header))
        for row in rows { console.print(line(row)) }
    }
}
