extension SchemaSnapshot {
    /// Tables in an order where each comes after every table its foreign keys reference, so
    /// that rows can be inserted table by table with foreign keys checked immediately.
    ///
    /// ```swift
    /// let order = try snapshot.dependencyOrder()            // all tables
    /// let some = try snapshot.dependencyOrder(of: ["alerts", "data_triggers"])
    /// // ["data_triggers", "alerts"]
    /// ```
    ///
    /// Only references among `names` count (a table outside them is assumed loaded already), a
    /// table that references itself comes where its other references put it (its own rows must
    /// come parents first), and among tables free to go next the alphabetically first goes, so
    /// the order is the same on every run and on both backends. Names of tables that do not
    /// exist are kept, last, in the order given: the caller reports them.
    ///
    /// - Throws: ``DependencyCycle`` naming the tables when their foreign keys form a cycle no
    ///   insertion order can satisfy.
    public func dependencyOrder(of names: [String]? = nil) throws(DependencyCycle) -> [String] {
        let wanted = names ?? tables.map(\.name)
        let known = Set(wanted).filter { table($0) != nil }
        var pending: [String: Set<String>] = [:]
        for name in known {
            let parents = table(name)!.foreignKeys.map(\.referencedTable)
            pending[name] = Set(parents).intersection(known).subtracting([name])
        }
        var order: [String] = []
        while !pending.isEmpty {
            guard let next = pending.filter({ $0.value.isEmpty }).keys.min() else {
                throw DependencyCycle(tables: pending.keys.sorted())
            }
            order.append(next)
            pending[next] = nil
            for key in pending.keys { pending[key]!.remove(next) }
        }
        var missing: [String] = []
        for name in wanted where !known.contains(name) && !missing.contains(name) { missing.append(name) }
        return order + missing
    }

    /// Tables whose foreign keys reference each other in a cycle, so that no order of whole
    /// tables lets every row's parent exist first.
    public struct DependencyCycle: Error, Sendable, Equatable, CustomStringConvertible {
        /// The tables left when no other could go next: the cycle and the tables that depend on it.
        public var tables: [String]

        public var description: String {
            "the foreign keys of \(tables.joined(separator: ", ")) form a cycle, so no table can be loaded before the others; "
                + "make one of the keys DEFERRABLE or nullable and load it afterwards"
        }
    }
}
