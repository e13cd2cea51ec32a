import Foundation
import Meridian

extension SchemaMigrationPlan {
    /// The statements that make the plan's changes on `dialect`, in the order they must run,
    /// inside one transaction (as a migration runs them).
    ///
    /// ```swift
    /// let plan = SchemaMigrationPlan(from: built, to: wanted)
    /// let fills = [try ColumnFill(parsing: "todos.priority=0")]
    /// for statement in try plan.statements(for: PostgresDialect(), fills: fills) { print(statement.sql + ";") }
    /// ```
    ///
    /// The order: views that read a changed table are dropped; constraints, indexes and
    /// triggers that go are dropped; dropped tables go; each changed table is altered in place
    /// where the dialect can (``SQLDialect/alterTable(_:_:)``) or else rebuilt: copied aside,
    /// dropped, created as `to` declares it with its indexes and triggers, and filled again
    /// (SQLite's twelve steps, foreign keys left to the migration's safeguard); new tables are
    /// created; foreign keys, indexes and triggers are added; views are created again.
    ///
    /// A column that becomes NOT NULL takes, in existing rows, the value of its `fills` entry,
    /// else its default; with neither, the plan is refused, or with `placeholders` (a down
    /// migration restoring a dropped column) the type's zero value is written.
    ///
    /// - Throws: ``SchemaPlanError`` naming every column that needs a fill, every type change
    ///   the engines cannot make, and SQL the file lacks for `dialect`.
    public func statements(for dialect: any SQLDialect, fills: [ColumnFill] = [], placeholders: Bool = false) throws(SchemaPlanError) -> [SchemaStatement] {
        var renderer = PlanRenderer(plan: self, dialect: dialect, fills: fills, placeholders: placeholders)
        let statements = renderer.render()
        if !renderer.problems.isEmpty { throw SchemaPlanError(renderer.problems) }
        return statements
    }

    /// Columns that become NOT NULL in existing rows with neither a fill nor a default, as
    /// `table.column`: what `--fill` must name.
    public func columnsNeedingFill(_ fills: [ColumnFill]) -> [String] {
        alteredTables.flatMap { plan in
            plan.edits.compactMap { edit -> String? in
                guard let column = PlanRenderer.tightened(edit), column.default == nil,
                      !fills.contains(where: { $0.table == plan.new.name && $0.column == column.name }) else { return nil }
                return "\(plan.new.name).\(column.name)"
            }
        }
    }

    /// Views that read a table the plan drops, renames or changes (or a view dropped with
    /// them), by their names in `from`: dropped before the change and created again after.
    var dependentViews: Set<String> {
        var touched = Set(droppedTables.map(\.name) + alteredTables.filter { $0.old.name != $0.new.name || $0.edits.contains(where: \.altersTable) }.map(\.old.name))
        touched.formUnion(droppedViews.map(\.name))
        var views: Set<String> = []
        var grew = true
        while grew {
            grew = false
            for view in from.views where !views.contains(view.name) && touched.contains(where: { Self.mentions(view, $0) }) {
                views.insert(view.name)
                touched.insert(view.name)
                grew = true
            }
        }
        return views
    }

    /// Whether any of the view's bodies names `relation` as a word (quoted or not).
    static func mentions(_ view: Schema.View, _ relation: String) -> Bool {
        let escaped = NSRegularExpression.escapedPattern(for: relation)
        return view.sql.texts.values.contains { $0.range(of: "(?i)(^|[^A-Za-z0-9_])\"?\(escaped)\"?($|[^A-Za-z0-9_])", options: .regularExpression) != nil }
    }
}
