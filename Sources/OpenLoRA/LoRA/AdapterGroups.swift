/// The rows of a decode batch grouped by adapter (by object identity), in order of first
/// appearance; rows without an adapter belong to no group. The SGMV-style update gathers
/// each group's rows, multiplies them by its A and B, and adds the result back to them.
struct AdapterGroups {
    /// One adapter and the batch rows that use it, ascending.
    struct Group {
        let adapter: LoRAAdapter
        var rows: [Int]
    }

    let groups: [Group]

    init(_ adapters: [LoRAAdapter?]) {
        var groups: [Group] = []
        var indexByAdapter: [ObjectIdentifier: Int] = [:]
        for (row, adapter) in adapters.enumerated() {
            guard let adapter else { continue }
            let key = ObjectIdentifier(adapter)
            if let index = indexByAdapter[key] {
                groups[index].rows.append(row)
            } else {
                indexByAdapter[key] = groups.count
                groups.append(Group(adapter: adapter, rows: [row]))
            }
        }
        self.groups = groups
    }
}
