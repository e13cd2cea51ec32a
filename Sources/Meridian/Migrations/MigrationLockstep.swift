/// Whether two dialects' migration folders hold the same versions with the same names.
public enum MigrationLockstep {
    /// Each mismatch in words: a version in one folder only, or one version under two names.
    public static func differences(_ a: [Migration], named aName: String, _ b: [Migration], named bName: String) -> [String] {
        let aByVersion = Dictionary(a.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        let bByVersion = Dictionary(b.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        for version in Set(aByVersion.keys).union(bByVersion.keys).sorted() {
            switch (aByVersion[version], bByVersion[version]) {
            case (let x?, nil): problems.append("\(x.name) is only in \(aName): add it to \(bName)")
            case (nil, let y?): problems.append("\(y.name) is only in \(bName): add it to \(aName)")
            case (let x?, let y?) where x.slug != y.slug:
                problems.append("version \(version) is \(x.name) in \(aName) but \(y.name) in \(bName): use one name")
            default: break
            }
        }
        return problems
    }
}
