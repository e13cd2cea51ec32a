/// ``GenerateSchema`` as SQLAlchemy 2.x declarative models (`models.py`), what an Alembic user
/// keeps in step with the database: one class per table, `Mapped[...]` annotations with
/// `mapped_column`, and the named constraints and indexes in `__table_args__`.
///
/// The logical types map to SQLAlchemy's as Meridian maps them to PostgreSQL's: int is
/// `BigInteger`, double `Double`, timestamp `DateTime(timezone=True)`. Defaults are server
/// defaults (`server_default=`), the only kind a migration can carry. A renamed table or column
/// is just its new name: SQLAlchemy has no way to say it was renamed.
enum GenerateSQLAlchemyModels {
    static func render(_ schema: GenerateSchema) -> String {
        var lines = [
            "\"\"\"`meridian-bench generate`'s schema as SQLAlchemy models: \(schema.tables.count) tables.\"\"\"",
            "from datetime import datetime",
            "",
            "import sqlalchemy as sa",
            "from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column",
            "",
            "",
            "class Base(DeclarativeBase):",
            "    pass",
        ]
        for table in schema.tables {
            lines += ["", "", "class \(className(table.name))(Base):", "    __tablename__ = \"\(table.name)\""]
            for column in table.columns { lines.append("    " + render(column, primaryKey: column.name == "id")) }
            let arguments = tableArguments(table)
            if !arguments.isEmpty {
                lines.append("    __table_args__ = (")
                lines += arguments.map { "        \($0)," }
                lines.append("    )")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `t020_renamed` → `T020Renamed`.
    static func className(_ table: String) -> String {
        table.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private static func render(_ column: GenerateSchema.Column, primaryKey: Bool) -> String {
        let (python, sqlalchemy) = switch column.type {
        case "int": ("int", "sa.BigInteger")
        case "double": ("float", "sa.Double")
        case "timestamp": ("datetime", "sa.DateTime(timezone=True)")
        case "bool": ("bool", "sa.Boolean")
        default: ("str", "sa.Text")
        }
        var arguments = [sqlalchemy]
        if primaryKey { arguments.append("primary_key=True") }
        arguments.append("nullable=\(column.nullable ? "True" : "False")")
        switch column.defaultValue {
        case .text(let text): arguments.append("server_default=\"\(text)\"")
        case .bool(let value): arguments.append("server_default=sa.text(\"\(value)\")")
        case nil: break
        }
        let annotation = column.nullable ? "\(python) | None" : python
        return "\(column.name): Mapped[\(annotation)] = mapped_column(\(arguments.joined(separator: ", ")))"
    }

    private static func tableArguments(_ table: GenerateSchema.Table) -> [String] {
        var arguments: [String] = []
        if let key = table.foreignKey {
            arguments.append("sa.ForeignKeyConstraint([\"\(key.column)\"], [\"\(key.parent).id\"], name=\"\(key.name)\")")
        }
        if let unique = table.unique { arguments.append("sa.UniqueConstraint(\"\(unique.body)\", name=\"\(unique.name)\")") }
        if let check = table.check { arguments.append("sa.CheckConstraint(\"\(check.body)\", name=\"\(check.name)\")") }
        for index in table.indexes {
            let predicate = index.predicate.map {
                ", sqlite_where=sa.text(\"\($0)\"), postgresql_where=sa.text(\"\($0)\")"
            } ?? ""
            arguments.append("sa.Index(\"\(index.name)\", \"\(index.column)\"\(predicate))")
        }
        return arguments
    }
}
