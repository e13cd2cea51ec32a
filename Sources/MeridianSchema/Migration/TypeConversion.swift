import Meridian

/// A column's change of logical type, as a generated migration converts its values.
///
/// Lossless (every value has one in the new type, the same on both engines): `int` to
/// `double`, `bool` to `int`, an enumeration to one with more values, and `int`, `uuid`,
/// `timestamp`, `date`, `json` or an enumeration to `text`. Narrowing (`double` to `int`,
/// `text` to `uuid`, an enumeration losing values) can lose or refuse values, and needs
/// `--allow-data-loss`. Geometry and `bytes` change type only by a new column.
struct TypeConversion: Sendable {
    let from: LogicalType
    let to: LogicalType

    init(from: LogicalType, to: LogicalType) {
        self.from = from
        self.to = to
    }

    var isLossless: Bool {
        switch (from, to) {
        case (.int, .double), (.bool, .int): true
        case (.int, .text), (.uuid, .text), (.timestamp, .text), (.date, .text), (.json, .text), (.enumeration, .text): true
        case (.text, .enumeration), (.enumeration, .enumeration):
            if case .enumeration(let new) = to, case .enumeration(let old) = from { Set(old).isSubset(of: Set(new)) } else { false }
        default: false
        }
    }

    /// Whether the engines can convert the values at all.
    var isSupported: Bool {
        switch (from, to) {
        case (.geometry, _), (_, .geometry), (.bytes, _), (_, .bytes): false
        default: true
        }
    }
}
