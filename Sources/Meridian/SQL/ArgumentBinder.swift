/// Collects the values of a statement's `$n` placeholders in order.
struct ArgumentBinder {
    private(set) var arguments: [DatabaseValue] = []

    /// Appends `value` and returns its placeholder.
    mutating func bind(_ value: Double) -> String {
        arguments.append(.double(value))
        return "$\(arguments.count)"
    }
}
