/// The nearest of a few names to one that was mistyped, for "did you mean …?".
enum Suggestion {
    /// The candidate within a third of `name`'s length in edits (at least 1, at most 3), else
    /// the one `name` begins with (`integer` for `int`), or `nil`.
    ///
    /// ```swift
    /// Suggestion.nearest(to: "nulable", in: ["nullable", "default"])   // "nullable"
    /// ```
    static func nearest(to name: String, in candidates: some Sequence<String>) -> String? {
        let limit = min(3, max(1, name.count / 3))
        let candidates = Array(candidates)
        let near = candidates
            .map { ($0, distance(name.lowercased(), $0.lowercased())) }
            .filter { $0.1 <= limit }
            .min { $0.1 < $1.1 }?.0
        return near ?? candidates.filter { name.lowercased().hasPrefix($0.lowercased()) }.max { $0.count < $1.count }
    }

    /// Levenshtein distance: insertions, deletions and substitutions.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
