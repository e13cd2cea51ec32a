/// Blocks of lines printed next to each other, each under its header, cut to fit a column:
/// two query plans, SQLite's beside PostgreSQL's.
struct SideBySide {
    let columns: [(header: String, lines: [String])]
    /// The width of each column but the last, which runs on.
    let width: Int

    init(_ columns: [(header: String, lines: [String])], width: Int = 64) {
        self.columns = columns
        self.width = width
    }

    var rendered: String {
        let height = columns.map { $0.lines.count + 2 }.max() ?? 0
        let blocks = columns.map { column in
            [column.header, String(repeating: "-", count: min(width, column.header.count))] + column.lines
        }
        return (0..<height).map { row in
            blocks.enumerated().map { index, block in
                let text = row < block.count ? block[row].escapingControlCharacters(keepingLayout: false) : ""
                guard index < blocks.count - 1 else { return text }
                let cut = text.count > width - 2 ? String(text.prefix(width - 3)) + "…" : text
                return cut.padding(toLength: width, withPad: " ", startingAt: 0)
            }.joined().trimmingTrailingSpaces
        }.joined(separator: "\n")
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
