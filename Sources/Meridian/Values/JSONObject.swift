/// The members of a JSON object, keyed by the exact UTF-8 bytes of each key.
///
/// PostgreSQL's `jsonb` compares keys bytewise, so `{"é":1,"e\u0301":2}` (precomposed, then
/// decomposed) has two keys there. A Swift `[String: JSON]` would merge them into one, because
/// `String` equality is Unicode canonical equivalence: data would be lost and the backends would
/// read back different documents. `JSONObject` therefore matches keys by their bytes, never by
/// `String ==`.
///
/// Members are kept sorted by the keys' UTF-8 bytes (the order ``JSON/canonicalText`` writes) and
/// keys are unique: when a key is given twice, the last value wins, as in `jsonb`. Iterating yields
/// `(key:value:)` pairs in that order.
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    public typealias Element = (key: String, value: JSON)

    /// Sorted by `key.utf8`, no two keys with the same bytes.
    private var members: [Element]

    /// An empty object.
    public init() { members = [] }

    /// An object with these members, in any order; of keys with the same bytes the last wins.
    ///
    /// Keys that differ only in Unicode normalisation stay distinct.
    public init(_ members: [(String, JSON)]) {
        // Sort by key bytes, keeping the given order among equal keys, then keep the last of each run.
        let ordered = members.enumerated().sorted { a, b in
            switch JSONObject.compare(a.element.0, b.element.0) {
            case .less: true
            case .greater: false
            case .equal: a.offset < b.offset
            }
        }
        var unique: [Element] = []
        unique.reserveCapacity(ordered.count)
        for (_, member) in ordered {
            if let last = unique.last, JSONObject.bytesEqual(last.key, member.0) {
                unique[unique.count - 1].value = member.1
            } else {
                unique.append((key: member.0, value: member.1))
            }
        }
        self.members = unique
    }

    /// An object with the members of a Swift dictionary.
    ///
    /// The dictionary has already merged keys that are canonically equivalent (`"é"` and
    /// `"e\u{301}"`); to keep both, build the object from a member list or a literal instead.
    public init(_ dictionary: [String: JSON]) {
        self.init(dictionary.map { ($0.key, $0.value) })
    }

    public init(dictionaryLiteral elements: (String, JSON)...) {
        self.init(elements)
    }

    // MARK: - Access

    /// The value for the key with exactly these UTF-8 bytes; setting `nil` removes the member.
    ///
    /// `JSON` is `ExpressibleByNilLiteral`, so a bare `nil` where a `JSON?` is inferred can mean
    /// `JSON.null`: this code spells `Optional.none` explicitly. Callers assigning `nil` through
    /// this subscript remove the member (Swift picks `Optional.none` for `object[k] = nil`); to
    /// store a JSON null, assign `.null` or `JSON.null`.
    public subscript(key: String) -> JSON? {
        get {
            let (index, found) = position(of: key)
            guard found else { return Optional.none }
            return members[index].value
        }
        set {
            let (index, found) = position(of: key)
            switch newValue {
            case .some(let value):
                if found { members[index].value = value } else { members.insert((key: key, value: value), at: index) }
            case .none:
                if found { members.remove(at: index) }
            }
        }
    }

    /// Removes the member whose key has exactly these bytes, returning its value.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSON? {
        let (index, found) = position(of: key)
        guard found else { return Optional.none }
        return members.remove(at: index).value
    }

    /// The keys, sorted by their UTF-8 bytes.
    public var keys: [String] { members.map(\.key) }

    /// The values, in key order.
    public var values: [JSON] { members.map(\.value) }

    public var count: Int { members.count }

    public var isEmpty: Bool { members.isEmpty }

    public var underestimatedCount: Int { members.count }

    public func makeIterator() -> IndexingIterator<[Element]> { members.makeIterator() }

    public var description: String { JSON.object(self).canonicalText }

    /// Binary search: the index of the key, or where it would be inserted.
    private func position(of key: String) -> (index: Int, found: Bool) {
        var low = 0
        var high = members.count
        while low < high {
            let mid = (low + high) / 2
            switch JSONObject.compare(members[mid].key, key) {
            case .less: low = mid + 1
            case .greater: high = mid
            case .equal: return (mid, true)
            }
        }
        return (low, false)
    }

    // MARK: - Equality and hashing by bytes

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { a, b in bytesEqual(a.key, b.key) && a.value == b.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for member in members {
            JSONObject.hashBytes(of: member.key, into: &hasher)
            hasher.combine(member.value)
        }
    }

    // MARK: - Byte helpers shared with JSON

    enum Order { case less, equal, greater }

    /// Orders strings by their UTF-8 bytes (what `jsonb` and ``JSONWriter`` compare).
    static func compare(_ a: String, _ b: String) -> Order {
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return .equal
            case (nil, _): return .less
            case (_, nil): return .greater
            case let (x?, y?):
                if x != y { return x < y ? .less : .greater }
            }
        }
    }

    /// True if the strings have the same UTF-8 bytes; unlike `==`, `"é" != "e\u{301}"`.
    static func bytesEqual(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
    }

    /// Hashes the UTF-8 bytes, so canonically equivalent but different strings hash apart.
    static func hashBytes(of string: String, into hasher: inout Hasher) {
        var string = string
        hasher.combine(string.utf8.count)
        string.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
