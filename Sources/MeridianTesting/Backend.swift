/// The two engines Meridian speaks, for tests that run one body on each.
public enum Backend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }

    /// The value a case expects on this backend, for the few documented differences that
    /// Meridian cannot neutralise (the README lists them).
    public func expect<T>(sqlite: T, postgres: T) -> T {
        switch self {
        case .sqlite: sqlite
        case .postgres: postgres
        }
    }
}
