import Foundation

/// `JSON` as a `Codable` value, so that a struct with a `json` property (a generated model) is
/// `Codable`: it encodes as the document it holds. Rows read and write it as a database value
/// directly; this conformance serves other encoders (`JSONEncoder`, property lists).
///
/// Numbers go through `Int64` when they are whole and fit, else `Double`, as `Codable` has no
/// exact decimal: read the column as `JSON` to keep a 30-digit number exact.
extension JSON: Codable {
    private struct MemberKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: MemberKey.self) {
            self = .object(JSONObject(try object.allKeys.map { ($0.stringValue, try object.decode(JSON.self, forKey: $0)) }))
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var elements: [JSON] = []
            while !array.isAtEnd { elements.append(try array.decode(JSON.self)) }
            self = .array(elements)
            return
        }
        let value = try decoder.singleValueContainer()
        if value.decodeNil() {
            self = .null
        } else if let bool = try? value.decode(Bool.self) {
            self = .bool(bool)
        } else if let integer = try? value.decode(Int64.self) {
            self = .number(JSONNumber(integer))
        } else if let double = try? value.decode(Double.self), let number = JSONNumber(double) {
            self = .number(number)
        } else {
            self = .string(try value.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var value = encoder.singleValueContainer()
            try value.encodeNil()
        case .bool(let bool):
            var value = encoder.singleValueContainer()
            try value.encode(bool)
        case .number(let number):
            var value = encoder.singleValueContainer()
            if let integer = Int64(number.text) { try value.encode(integer) } else { try value.encode(Double(number.text) ?? 0) }
        case .string(let string):
            var value = encoder.singleValueContainer()
            try value.encode(string)
        case .array(let elements):
            var array = encoder.unkeyedContainer()
            for element in elements { try array.encode(element) }
        case .object(let object):
            var container = encoder.container(keyedBy: MemberKey.self)
            for (key, value) in zip(object.keys, object.values) { try container.encode(value, forKey: MemberKey(stringValue: key)) }
        }
    }
}

/// `Geometry` as a `Codable` value: a GeoJSON geometry object, in WGS84 longitude and latitude
/// (SRID 4326, as GeoJSON has no other). Rows read and write it as a database value directly.
extension Geometry: Codable {
    public init(from decoder: any Decoder) throws {
        self = try Geometry(geoJSON: try JSON(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try geoJSON.encode(to: encoder)
    }
}
