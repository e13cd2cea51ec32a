import Foundation

/// A progress line on stderr, redrawn in place; only when stderr is a terminal, so pipes and
/// files stay quiet.
final class ProgressLine {
    /// `nil` when stderr is not a terminal.
    init?() {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
    }

    func show(_ text: String) {
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    func clear() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
