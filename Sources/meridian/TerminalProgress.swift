import Foundation
import Meridian

/// One line on standard error, redrawn in place, while a transfer runs: the table, rows so far,
/// rows per second and the time left, drawn through a ``ProgressLine``: only on a terminal; a
/// pipe or a log gets nothing.
final class TerminalProgress: TransferProgress {
    private let line: ProgressLine
    private var table = ""
    private var total: Int64 = 0
    private var started = Date()
    private var lastDrawn = Date.distantPast

    /// A progress line when standard error is a terminal, else `nil`.
    static func ifTerminal() -> TerminalProgress? {
        ProgressLine().map(TerminalProgress.init)
    }

    private init(_ line: ProgressLine) {
        self.line = line
    }

    func tableStarted(_ table: String, rows: Int64) {
        self.table = table
        total = rows
        started = Date()
        rowsMoved(0)
    }

    func rowsMoved(_ rows: Int64) {
        let now = Date()
        guard now.timeIntervalSince(lastDrawn) >= 0.1 || rows == total else { return }
        lastDrawn = now
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(rows) / elapsed
        var text = "\(table)  \(Self.grouped(rows))/\(Self.grouped(total)) rows"
        if rows > 0 {
            text += "  \(Self.grouped(Int64(rate))) rows/s"
            if rows < total { text += "  ETA \(Self.duration(Double(total - rows) / rate))" }
        }
        line.show(text)
    }

    func phase(_ description: String) {
        line.show(description + "…")
    }

    func finished() {
        line.clear()
    }

    /// `1,234,567`.
    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// `42 s`, `3 min 5 s`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        return whole < 60 ? "\(whole) s" : "\(whole / 60) min \(whole % 60) s"
    }
}
