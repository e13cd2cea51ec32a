extension SchemaSnapshot {
    /// One column as an inspector reads it back: its type under the value contract and as
    /// declared, nullability, default, collation, and the limits its engine puts on its values.
    ///
    /// ```swift
    /// // SQLite: email VARCHAR(100) NOT NULL DEFAULT ''
    /// let email = snapshot.table("users")?.column("email")
    /// email?.type                 // .unknown("VARCHAR(100)")
    /// email?.nearestLogicalType   // .text
    /// email?.default              // .text("")
    /// email?.width                // nil: SQLite ignores the 100
    /// ```
    ///
    /// Two columns are equal when everything but ``declaredType``, which is kept for messages,
    /// is equal.
    public struct Column: Sendable, Codable {
        public var name: String
        public var type: ColumnType
        /// The logical type compared between engines: ``type``'s when it is one, else the
        /// nearest one the declared type names (`DATETIME` and PostgreSQL's `timestamp` are
        /// timestamps, `VARCHAR(100)` and `character varying` text, PostgreSQL's `integer` int);
        /// `nil` when there is none.
        public var nearestLogicalType: LogicalType? {
            get { type.logical ?? nearestOutsideContract }
            set { nearestOutsideContract = newValue }
        }
        /// What ``nearestLogicalType`` is while ``type`` is outside the contract.
        private var nearestOutsideContract: LogicalType?
        /// The type as the engine spells it (`VARCHAR(100)`, `character varying(100)`), for
        /// messages; `nil` in snapshots built by hand.
        public var declaredType: String?
        public var nullable: Bool
        /// Whether the value is computed from other columns (`GENERATED ALWAYS AS`).
        public var generated: Bool
        /// The declared `DEFAULT`, in the form both engines share; `nil` for none and for
        /// `DEFAULT NULL`. Automatic keys (SQLite's rowid alias, PostgreSQL's identity and
        /// serial columns) have none: SQLite gives every `INTEGER PRIMARY KEY` one without
        /// saying so.
        public var `default`: ColumnDefault?
        /// The collation text sorts by, when a migration chose one; `nil` for byte order (SQLite's
        /// BINARY, PostgreSQL's "C"), which is what the value contract asks for, and for the
        /// database's default, which belongs to the server rather than to the migrations.
        public var collation: String?
        /// The limit the engine puts on values beyond the logical type (`varchar(100)`,
        /// PostgreSQL's 32-bit `integer`, SQLite's `CHECK (length(x) <= 100)`); `nil` for none.
        public var width: ColumnWidth?
        /// What the column needs to hold only its logical type's values, when it accepts others
        /// (SQLite's `TIMESTAMP` without the contract's CHECK); `nil` when it holds only them.
        public var contractFix: ContractFix?

        /// Whether a `DEFAULT` other than NULL is declared.
        public var hasDefault: Bool { self.default != nil }

        public init(
            _ name: String, _ type: ColumnType, declaredType: String? = nil, nearestLogicalType: LogicalType? = nil,
            nullable: Bool = true, generated: Bool = false, default: ColumnDefault? = nil, collation: String? = nil,
            width: ColumnWidth? = nil, contractFix: ContractFix? = nil
        ) {
            self.name = name
            self.type = type
            self.nearestOutsideContract = type.logical == nil ? nearestLogicalType : nil
            self.declaredType = declaredType
            self.nullable = nullable
            self.generated = generated
            self.default = `default`
            self.collation = collation
            self.width = width
            self.contractFix = contractFix
        }

        /// A column of a logical type: `Column("id", .int, nullable: false)`.
        public init(
            _ name: String, _ type: LogicalType, nullable: Bool = true, generated: Bool = false, default: ColumnDefault? = nil,
            collation: String? = nil, width: ColumnWidth? = nil, contractFix: ContractFix? = nil
        ) {
            self.init(
                name, .logical(type), nullable: nullable, generated: generated, default: `default`, collation: collation, width: width,
                contractFix: contractFix)
        }

        /// The declared type for messages: ``declaredType``, else ``type``.
        var spelledType: String { declaredType ?? type.description }

        private enum CodingKeys: String, CodingKey {
            case name, type, nearestOutsideContract = "nearestLogicalType", declaredType, nullable, generated, `default`, collation
            case width, contractFix
        }
    }

    /// A column's type: a logical type of the value contract, or a declared type outside it.
    public enum ColumnType: Sendable, Hashable, CustomStringConvertible {
        case logical(LogicalType)
        /// A declared type the value contract has no logical type for, as the engine spells it:
        /// PostgreSQL's 32-bit `integer`, `character varying(20)`, SQLite's `JSON` without
        /// `TEXT` (whose NUMERIC affinity turns the document `'123'` into a number).
        case unknown(String)

        /// `int`, `geometry(Point, 4326)`, `enum('a', 'b')`, `integer (outside the value contract)`.
        public var description: String {
            switch self {
            case .logical(.geometry(let type, let srid)): "geometry(\(type.postGISName), \(srid))"
            case .logical(.enumeration(let values)): "enum(" + values.map { "'\($0)'" }.joined(separator: ", ") + ")"
            case .logical(let type): Self.scalarNames.first { $0.1 == type }?.0 ?? "\(type)"
            case .unknown(let declared): "\(declared) (outside the value contract)"
            }
        }

        static let scalarNames: [(String, LogicalType)] = [
            ("int", .int), ("double", .double), ("text", .text), ("bool", .bool), ("uuid", .uuid),
            ("timestamp", .timestamp), ("date", .date), ("json", .json), ("bytes", .bytes),
        ]

        /// The logical type, or `nil` for a declared type outside the contract.
        public var logical: LogicalType? {
            if case .logical(let type) = self { return type }
            return nil
        }

        /// How messages name a logical type: `int`, `timestamp`, `geometry(Point, 4326)`.
        static func name(_ type: LogicalType) -> String { ColumnType.logical(type).description }
    }
}

/// Encoded as `{"logical": "int"}`, `{"logical": "geometry", "geometry": "POINT", "srid": 4326}`,
/// `{"logical": "enum", "values": […]}` or `{"declared": "integer"}`, for `check --json`.
extension SchemaSnapshot.ColumnType: Codable {
    private enum Key: String, CodingKey { case logical, geometry, srid, values, declared }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        if let declared = try container.decodeIfPresent(String.self, forKey: .declared) {
            self = .unknown(declared)
            return
        }
        let name = try container.decode(String.self, forKey: .logical)
        switch name {
        case "geometry":
            let type = try container.decode(GeometryColumnType.self, forKey: .geometry)
            self = .logical(.geometry(type, srid: try container.decode(Int32.self, forKey: .srid)))
        case "enum":
            self = .logical(.enumeration(try container.decode([String].self, forKey: .values)))
        default:
            guard let type = Self.scalarNames.first(where: { $0.0 == name })?.1 else {
                throw DecodingError.dataCorruptedError(forKey: .logical, in: container, debugDescription: "unknown logical type \(name)")
            }
            self = .logical(type)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .unknown(let declared):
            try container.encode(declared, forKey: .declared)
        case .logical(.geometry(let type, let srid)):
            try container.encode("geometry", forKey: .logical)
            try container.encode(type, forKey: .geometry)
            try container.encode(srid, forKey: .srid)
        case .logical(.enumeration(let values)):
            try container.encode("enum", forKey: .logical)
            try container.encode(values, forKey: .values)
        case .logical(let type):
            try container.encode(Self.scalarNames.first { $0.1 == type }?.0, forKey: .logical)
        }
    }
}


extension SchemaSnapshot.Column: Equatable {
    public static func == (a: Self, b: Self) -> Bool {
        a.name == b.name && a.type == b.type && a.nearestLogicalType == b.nearestLogicalType && a.nullable == b.nullable
            && a.generated == b.generated && a.default == b.default && a.collation == b.collation && a.width == b.width
            && a.contractFix == b.contractFix
    }
}

/// Encoded as the ``SchemaSnapshot/ColumnType/logical(_:)`` it is: `{"logical": "int"}`.
extension LogicalType: Codable {
    public init(from decoder: any Decoder) throws {
        guard let type = try SchemaSnapshot.ColumnType(from: decoder).logical else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a declared type where a logical type belongs"))
        }
        self = type
    }

    public func encode(to encoder: any Encoder) throws {
        try SchemaSnapshot.ColumnType.logical(self).encode(to: encoder)
    }
}
