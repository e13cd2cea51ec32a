import Foundation
import Meridian

/// Reads a PostgreSQL + PostGIS schema into a ``SchemaSnapshot``.
///
/// Tables and views come from `pg_class` in the session's current schema (`current_schema()`,
/// the first schema on the search path), leaving out partitions and objects an extension owns
/// (PostGIS's `spatial_ref_sys`, `geometry_columns`, `geography_columns`); columns from
/// `pg_attribute`; keys and CHECKs from `pg_constraint`; indexes from `pg_index`, where GiST
/// and SP-GiST count as spatial, and the indexes behind primary key, UNIQUE and exclusion
/// constraints are left out (exclusion constraints are not compared).
///
/// A column's logical type comes from `format_type`: only the contract's own types map
/// (`bigint` is int; the 32-bit `integer` stays unknown, since it overflows where SQLite's
/// INTEGER does not, with int as its nearest logical type and a 32-bit ``ColumnWidth``),
/// `geography(T,4326)` and `geometry(T,srid)` for other SRIDs are geometry. `varchar(n)` and
/// `char(n)` are n-character widths, as is a CHECK `length(x) <= n`. A text column whose CHECK
/// is `column IN ('a', …)` is an enumeration. A collation a migration chose other than one that
/// sorts by bytes ("C", "POSIX", "C.UTF-8", …) is reported, since text then sorts differently
/// from SQLite; a column on the database's default collation is not, since that default belongs
/// to the server, not to the migrations. Defaults are read from `pg_get_expr`
/// (``columnDefault(_:)``).
public struct PostgresInspector: SchemaInspector {
    public init() {}

    public func inspect(_ connection: any DatabaseConnection, excluding excluded: Set<String>) throws -> SchemaSnapshot {
        var tables: [SchemaSnapshot.Table] = []
        var views: [SchemaSnapshot.View] = []
        var text = SchemaSQL()
        let sql = """
            SELECT c.oid, c.relname::text AS name, c.relkind::text AS kind,
              CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS definition,
              obj_description(c.oid, 'pg_class') AS description
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
            """
        for relation in try connection.fetchAll(Relation.self, sql) where !excluded.contains(relation.name) {
            text.descriptions[relation.name] = relation.description
            if relation.kind == "v" || relation.kind == "m" {
                let columns = try connection.fetchAll(
                    Name.self, "SELECT attname::text AS name FROM pg_attribute WHERE attrelid = $1::oid AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
                    [.int(relation.oid)])
                views.append(SchemaSnapshot.View(relation.name, columns: columns.map(\.name)))
                text.views[relation.name] = relation.definition?.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ";")))
            } else {
                tables.append(try table(relation, connection, text: &text))
            }
        }
        let names = Set(tables.map(\.name))
        for trigger in try connection.fetchAll(Trigger.self, Self.triggersSQL) where names.contains(trigger.table) {
            text.triggers[trigger.table, default: []].append(trigger.name)
        }
        text.functions = try connection.fetchAll(Function.self, Self.functionsSQL).map { SchemaSQL.Function($0.name, sql: $0.definition) }
        (text.roles, text.unevenRoles) = Self.roles(try connection.fetchAll(Grant.self, Self.grantsSQL), tables: names)
        return SchemaSnapshot(tables: tables, views: views, sql: text)
    }

    private static let triggersSQL = """
        SELECT t.tgname::text AS name, c.relname::text AS table
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND NOT t.tgisinternal
        ORDER BY t.tgname
        """

    /// Privileges on the current schema's tables and sequences held by roles other than the owner.
    private static let grantsSQL = """
        SELECT r.rolname::text AS role, r.rolcanlogin AS login, c.relname::text AS object, c.relkind::text AS kind, a.privilege_type::text AS privilege
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        CROSS JOIN LATERAL aclexplode(c.relacl) a
        JOIN pg_roles r ON r.oid = a.grantee
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S') AND a.grantee <> c.relowner
        """

    /// Each role with the privileges all tables (and all sequences) grant it, and the roles
    /// whose privileges differ between tables.
    private static func roles(_ grants: [Grant], tables: Set<String>) -> ([RoleDefinition], [String]) {
        var roles: [RoleDefinition] = []
        var uneven: [String] = []
        for (role, held) in Dictionary(grouping: grants, by: \.role).sorted(by: { $0.key < $1.key }) {
            func common(_ kinds: Set<String>, among objects: Set<String>, order: [String]) -> [String] {
                let byObject = Dictionary(grouping: held.filter { kinds.contains($0.kind) }, by: \.object).mapValues { Set($0.map(\.privilege)) }
                guard !objects.isEmpty, objects.allSatisfy({ byObject[$0] != nil }) else {
                    if !byObject.isEmpty { uneven.append(role) }
                    return []
                }
                let shared = objects.map { byObject[$0]! }.reduce(byObject.values.reduce(Set(), { $0.union($1) })) { $0.intersection($1) }
                if byObject.values.contains(where: { $0 != shared }) { uneven.append(role) }
                return order.filter(shared.contains)
            }
            let sequences = Set(held.filter { $0.kind == "S" }.map(\.object))
            roles.append(RoleDefinition(
                role, login: held[0].login,
                tablePrivileges: common(["r", "p"], among: tables, order: ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"]),
                sequencePrivileges: common(["S"], among: sequences, order: ["USAGE", "SELECT", "UPDATE"])))
        }
        return (roles, Array(Set(uneven)).sorted())
    }

    /// Functions of the current schema, without those an extension brings.
    private static let functionsSQL = """
        SELECT p.proname::text AS name, pg_get_functiondef(p.oid) AS definition
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = current_schema() AND p.prokind = 'f'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        ORDER BY p.proname
        """

    // MARK: - Tables

    private func table(_ relation: Relation, _ connection: any DatabaseConnection, text: inout SchemaSQL) throws -> SchemaSnapshot.Table {
        let rows = try connection.fetchAll(
            ColumnRow.self,
            """
            SELECT a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
              a.attgenerated <> '' AS generated,
              CASE WHEN a.attgenerated = '' AND pg_get_expr(d.adbin, d.adrelid) NOT LIKE 'nextval(%'
                THEN pg_get_expr(d.adbin, d.adrelid) END AS default_text,
              CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END AS generation_text,
              a.attidentity <> '' OR coalesce(pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%', false) AS identity,
              NULLIF(co.collname::text, 'default') AS collation, col_description(a.attrelid, a.attnum) AS description
            FROM pg_attribute a
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            LEFT JOIN pg_collation co ON co.oid = a.attcollation
            WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
            """,
            [.int(relation.oid)])
        for row in rows {
            if let expression = row.generationText { text.generated[relation.name, default: [:]][row.name] = expression }
            if let description = row.description { text.columnDescriptions[relation.name, default: [:]][row.name] = description }
            if row.identity { text.identities[relation.name, default: []].append(row.name) }
        }
        var columns = rows.map { row in
            let type = Self.columnType(declared: row.type)
            return SchemaSnapshot.Column(
                row.name, type, declaredType: row.type, nearestLogicalType: type.logical ?? Self.nearestLogicalType(declared: row.type)?.type,
                nullable: !row.notnull, generated: row.generated, default: Self.columnDefault(row.defaultText),
                collation: row.collation.flatMap { Self.byteOrderCollations.contains($0) ? nil : $0 }, width: Self.width(declared: row.type))
        }
        let constraints = try connection.fetchAll(
            ConstraintRow.self,
            """
            SELECT con.conname::text AS name, con.contype::text AS kind, a.attname::text AS column,
              ref.relname::text AS referenced_table, fa.attname::text AS referenced_column,
              con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update, pg_get_expr(con.conbin, con.conrelid) AS expression
            FROM pg_constraint con
            LEFT JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, n) ON true
            LEFT JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
            LEFT JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = con.confkey[k.n]
            LEFT JOIN pg_class ref ON ref.oid = con.confrelid
            WHERE con.conrelid = $1::oid AND con.contype IN ('p', 'u', 'f', 'c')
            ORDER BY con.conname, k.n
            """,
            [.int(relation.oid)])
        let byName = Dictionary(grouping: constraints, by: \.name)
        let names = byName.keys.sorted()
        let primaryKey = names.first { byName[$0]![0].kind == "p" }.map { byName[$0]!.compactMap(\.column) } ?? []
        let unique = names.filter { byName[$0]![0].kind == "u" }.map { byName[$0]!.compactMap(\.column) }
        let foreignKeys = names.filter { byName[$0]![0].kind == "f" }.map { Self.foreignKey(byName[$0]!) }
        let checks = Self.checks(names.filter { byName[$0]![0].kind == "c" }.map { byName[$0]! }, columns: &columns)
        text.checks[relation.name] = Dictionary(uniqueKeysWithValues: checks.map { ($0, byName[$0]![0].expression ?? "") })
        for name in names {
            let parts = byName[name]!
            switch parts[0].kind {
            case "u": text.uniqueNames[relation.name, default: [:]][parts.compactMap(\.column)] = name
            case "f": text.foreignKeyNames[relation.name, default: [:]][parts.compactMap(\.column)] = name
            default: continue
            }
        }
        return SchemaSnapshot.Table(
            relation.name, columns: columns, primaryKey: primaryKey, foreignKeys: foreignKeys,
            uniqueConstraints: unique, indexes: try indexes(relation, connection, text: &text), checks: checks)
    }

    /// One foreign key from its rows, one per column pair.
    private static func foreignKey(_ parts: [ConstraintRow]) -> SchemaSnapshot.ForeignKey {
        let first = parts[0]
        return SchemaSnapshot.ForeignKey(
            parts.compactMap(\.column), references: first.referencedTable ?? "", parts.compactMap(\.referencedColumn),
            onDelete: actions[first.onDelete] ?? .noAction, onUpdate: actions[first.onUpdate] ?? .noAction)
    }

    /// `confdeltype` / `confupdtype` codes.
    private static let actions: [String: ForeignKey.Action] = ["a": .noAction, "r": .restrict, "c": .cascade, "n": .setNull, "d": .setDefault]

    /// Indexes other than those behind a primary key, UNIQUE or exclusion constraint.
    private func indexes(_ relation: Relation, _ connection: any DatabaseConnection, text: inout SchemaSQL) throws -> [SchemaSnapshot.Index] {
        let rows = try connection.fetchAll(
            IndexRow.self,
            """
            SELECT ic.relname::text AS name, i.indisunique AS unique, am.amname::text AS method, i.indpred IS NOT NULL AS partial,
              pg_get_expr(i.indpred, i.indrelid) AS condition,
              a.attname::text AS column
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_am am ON am.oid = ic.relam
            CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
            LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0
            WHERE i.indrelid = $1::oid AND k.n <= i.indnkeyatts
              AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
            ORDER BY ic.relname, k.n
            """,
            [.int(relation.oid)])
        return Dictionary(grouping: rows, by: \.name).map { name, parts in
            text.indexConditions[name] = parts[0].condition
            return SchemaSnapshot.Index(
                name, parts.map { $0.column ?? SchemaSnapshot.Index.expression }, unique: parts[0].unique,
                spatial: ["gist", "spgist"].contains(parts[0].method), partial: parts[0].partial)
        }
    }

    // MARK: - Checks

    /// The names of the CHECK constraints that are not part of a column's type or width; turns
    /// text columns with a simple `IN` list into enumerations, and reads `length(x) <= n` on a
    /// column without a width as its width (``ColumnWidth/check(column:)``).
    private static func checks(_ checks: [[ConstraintRow]], columns: inout [SchemaSnapshot.Column]) -> [String] {
        var names: [String] = []
        for parts in checks {
            let mentioned = parts.compactMap(\.column)
            let index = mentioned.count == 1 ? columns.firstIndex { $0.name == mentioned[0] } : nil
            let expression = parts[0].expression ?? ""
            if let index, columns[index].type == .logical(.text), let values = enumeration(expression, column: mentioned[0]) {
                columns[index].type = .logical(.enumeration(values))
            } else if let index, columns[index].width == nil, let limit = lengthLimit(expression, column: mentioned[0]) {
                columns[index].width = .characters(limit)
            } else {
                names.append(parts[0].name)
            }
        }
        return names
    }

    /// The `n` of a CHECK PostgreSQL prints as `(length(column) <= n)`, or as
    /// `(length((column)::text) <= n)` on a `varchar`; `nil` for any other expression.
    private static func lengthLimit(_ expression: String, column: String) -> Int? {
        let body = ColumnDefault.unwrapped(expression)
        for name in spellings(of: column) + spellings(of: column).map({ "(\($0))::text" }) where body.hasPrefix("length(\(name)) <= ") {
            return Int(body.dropFirst("length(\(name)) <= ".count))
        }
        return nil
    }

    /// How PostgreSQL may print a column's name in an expression: as it is, or quoted.
    private static func spellings(of column: String) -> [String] {
        [column, "\"" + column.replacingOccurrences(of: "\"", with: "\"\"") + "\""]
    }

    /// The values of a CHECK that PostgreSQL prints as `(column = ANY (ARRAY['a'::text, …]))`,
    /// or `(column = 'a'::text)` for one value; `nil` for any other expression.
    private static func enumeration(_ expression: String, column: String) -> [String]? {
        for name in spellings(of: column) {
            for (prefix, suffix) in [("(\(name) = ANY (ARRAY[", "]))"), ("(\(name) = ", ")")]
            where expression.hasPrefix(prefix) && expression.hasSuffix(suffix) && expression.count >= prefix.count + suffix.count {
                let list = expression.dropFirst(prefix.count).dropLast(suffix.count)
                if let values = literals(list) { return values }
            }
        }
        return nil
    }

    /// `'a'::text, 'it''s'::text` → `["a", "it's"]`, or `nil` if the list holds anything else.
    private static func literals(_ list: Substring) -> [String]? {
        var values: [String] = []
        var rest = list
        while true {
            guard let value = stringLiteral(&rest), rest.hasPrefix("::text") else { return nil }
            rest = rest.dropFirst("::text".count)
            values.append(value)
            if rest.isEmpty { return values }
            guard rest.hasPrefix(", ") else { return nil }
            rest = rest.dropFirst(2)
        }
    }

    // MARK: - Types

    /// The logical type `format_type` names, or the name itself when the contract has none.
    private static func columnType(declared: String) -> SchemaSnapshot.ColumnType {
        if let type = declaredTypes[declared] { return .logical(type) }
        if let geometry = geometryType(declared) { return .logical(geometry) }
        return .unknown(declared)
    }

    /// The logical type a column declared outside the value contract is copied as by
    /// `--create-schema` (`meridian import`): the integer types are `int`, `real` and `numeric`
    /// `double`, the character types `text`, `timestamp` without a zone `timestamp` (read as
    /// UTC), `json` `json`. Anything else (intervals, arrays, ranges, geometry without a type or
    /// SRID) maps to nothing.
    public static func nearestLogicalType(declared: String) -> SchemaCopy.Mapping? {
        let base = declared.split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? declared
        switch base {
        case "integer", "smallint": return SchemaCopy.Mapping(.int)
        case "real": return SchemaCopy.Mapping(.double)
        case "numeric":
            return SchemaCopy.Mapping(.double, note: "SQLite stores numbers as 64-bit doubles, so digits beyond about 15 are lost")
        case "character varying", "character", "name", "citext": return SchemaCopy.Mapping(.text)
        case "timestamp without time zone", "timestamp":
            return SchemaCopy.Mapping(.timestamp, note: "its values carry no zone and are taken as UTC")
        case "json": return SchemaCopy.Mapping(.json)
        default: return nil
        }
    }

    private static let declaredTypes: [String: LogicalType] = [
        "bigint": .int, "double precision": .double, "text": .text, "boolean": .bool, "uuid": .uuid,
        "timestamp with time zone": .timestamp, "date": .date, "jsonb": .json, "bytea": .bytes,
    ]

    /// The width a declared type holds values to: `character varying(n)` at most n characters,
    /// `character(n)` n characters padded with spaces, `integer` 32 bits and `smallint` 16;
    /// `nil` for any other.
    private static func width(declared: String) -> ColumnWidth? {
        switch declared {
        case "integer": return .integerBits(32)
        case "smallint": return .integerBits(16)
        default:
            for (prefix, width) in [("character varying(", ColumnWidth.characters), ("character(", ColumnWidth.paddedCharacters)]
            where declared.hasPrefix(prefix) && declared.hasSuffix(")") {
                return Int(declared.dropFirst(prefix.count).dropLast()).map(width)
            }
            return nil
        }
    }

    /// Collations that sort text by its bytes, as SQLite's BINARY does: "C" and "POSIX", and
    /// those that sort by code point, which is the same order for UTF-8.
    private static let byteOrderCollations: Set<String> = ["C", "POSIX", "C.UTF-8", "C.utf8", "ucs_basic", "pg_c_utf8"]

    /// `geography(Point,4326)` or `geometry(MultiPolygon,32633)`; the contract keeps SRID 4326
    /// in geography (measured on the spheroid) and every other SRID in geometry.
    private static func geometryType(_ declared: String) -> LogicalType? {
        guard declared.hasSuffix(")"), let open = declared.firstIndex(of: "(") else { return nil }
        let base = declared[..<open]
        let arguments = declared[declared.index(after: open)..<declared.index(before: declared.endIndex)].split(separator: ",")
        guard arguments.count == 2, let srid = Int32(arguments[1]),
              let type = GeometryColumnType.allCases.first(where: { $0.postGISName.lowercased() == arguments[0].lowercased() }),
              base == (srid == 4326 ? "geography" : "geometry") else { return nil }
        return .geometry(type, srid: srid)
    }

    // MARK: - Rows

    private struct Relation: Decodable { var oid: Int64; var name: String; var kind: String; var definition: String?; var description: String? }
    private struct Trigger: Decodable { var name: String; var table: String }
    private struct Function: Decodable { var name: String; var definition: String }
    private struct Grant: Decodable { var role: String; var login: Bool; var object: String; var kind: String; var privilege: String }
    private struct Name: Decodable { var name: String }
    private struct ColumnRow: Decodable {
        var name: String; var type: String; var notnull: Bool; var generated: Bool; var defaultText: String?; var generationText: String?; var identity: Bool
        var collation: String?; var description: String?
    }
    private struct ConstraintRow: Decodable {
        var name: String; var kind: String; var column: String?; var referencedTable: String?; var referencedColumn: String?
        var onDelete: String; var onUpdate: String; var expression: String?
    }
    private struct IndexRow: Decodable {
        var name: String; var unique: Bool; var method: String; var partial: Bool; var condition: String?; var column: String?
    }
}

extension PostgresConnection {
    public var schemaInspector: any SchemaInspector { PostgresInspector() }
}
