import CMeridianLibPQ
import Foundation
import Meridian

/// A libpq connection string (a `postgres://` URI or `host=… dbname=…` keywords), read before
/// libpq connects with it, so that no message about it prints its password.
///
/// ```swift
/// let conninfo = try PostgresConnectionString("postgresql://app:S3cret!%zz@db/events")
/// // connection: the connection string is malformed: invalid percent-encoded token (…)
/// ```
///
/// libpq quotes what it cannot parse (`invalid percent-encoded token: "S3cret!%zz"`,
/// `IPv6 host address may not be empty in URI: "postgresql://user:S3cret!@[]/db"`), and a URI
/// whose password holds an unencoded `@` or `/` parses into a host or port made of part of the
/// password, which the connection error then quotes (`could not translate host name
/// "ret!@db"`). So a connection string is checked in three steps:
///
/// 1. a URI with an `@` that libpq would not read as the end of the user name and password is
///    refused in Meridian's words;
/// 2. libpq parses it (`PQconninfoParse`, which connects to nothing); when it cannot, its reason
///    is given without the quoted parts;
/// 3. the password it read is kept, and ``scrub(_:)`` takes it out of any later message.
struct PostgresConnectionString {
    let text: String
    /// The password the string holds, as libpq decoded it.
    let password: String?

    init(_ text: String) throws(DatabaseError) {
        try Self.refuseAmbiguousCredentials(text)
        var message: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(text, &message) else {
            let reason = message.map { String(cString: $0) } ?? "libpq could not allocate memory"
            PQfreemem(message)
            throw Self.malformed(Self.withoutQuotedParts(reason) + (Self.unknownParameter(reason, in: text).map { ": \"\($0)\"" } ?? ""))
        }
        defer { PQconninfoFree(options) }
        var password: String?
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "password", let value = option.pointee.val { password = String(cString: value) }
            option += 1
        }
        self.text = text
        self.password = password
    }

    /// `message` with the password replaced by `***`. Passwords shorter than four characters
    /// are left alone (replacing `on` would garble every message); libpq prints passwords only
    /// by quoting what it parsed, which steps 1 and 2 have ruled out.
    func scrub(_ message: String) -> String {
        guard let password, password.count >= 4 else { return message }
        return message.replacingOccurrences(of: password, with: "***")
    }

    /// libpq reads a URI's user name and password up to the first `@`, unless a `/` comes first:
    /// a second `@`, or an `@` after a `/`, means the password holds one of them unencoded.
    private static func refuseAmbiguousCredentials(_ text: String) throws(DatabaseError) {
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://"),
              let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@")
        else { return }
        let credentials = text[scheme.upperBound..<at]
        if credentials.contains("/") {
            throw malformed("a '/' comes before the '@' that ends the user name and password; percent-encode a '/' in them as %2F")
        }
        if text[text.index(after: at)...].contains("@") {
            throw malformed("it holds more than one '@'; percent-encode an '@' in the user name or password as %40")
        }
    }

    private static func malformed(_ reason: String) -> DatabaseError {
        DatabaseError(
            .connection,
            "the connection string is malformed: \(reason) (reserved characters in a user name or password are percent-encoded: @ as %40, / as %2F, % as %25, : as %3A)")
    }

    /// The name libpq quotes in `invalid URI query parameter: "colour"`, when it is a plain
    /// name that is no part of the URI's user name and password: a misspelt parameter
    /// (`sslmod`) is then named, and nothing of a password can be.
    static func unknownParameter(_ message: String, in text: String) -> String? {
        let prefix = "invalid URI query parameter: \""
        guard message.hasPrefix(prefix), message.hasSuffix("\"") || message.hasSuffix("\"\n") else { return nil }
        let name = message.dropFirst(prefix.count).prefix { $0 != "\"" }
        guard !name.isEmpty, name.count <= 64, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { return nil }
        let afterScheme = text.range(of: "://").map { text[$0.upperBound...] } ?? text[...]
        let credentials = afterScheme.lastIndex(of: "@").map { afterScheme[..<$0] } ?? ""
        let decoded = String(credentials).removingPercentEncoding ?? String(credentials)
        return credentials.contains(name) || decoded.contains(name) ? nil : String(name)
    }

    /// libpq's parse error without what it quotes, which may be the whole URI or a piece of the
    /// password: `invalid percent-encoded token: "S3cret!%zz"` → `invalid percent-encoded token`.
    /// A quoted single mark that is neither letter nor digit (`missing "=" after …`) stays.
    static func withoutQuotedParts(_ message: String) -> String {
        var result = ""
        var quoted: String?
        for character in message {
            if character == "\"" {
                if let inside = quoted {
                    result += inside.count == 1 && !inside.contains(where: { $0.isLetter || $0.isNumber }) ? "\"\(inside)\"" : "…"
                    quoted = nil
                } else {
                    quoted = ""
                }
            } else if quoted != nil {
                quoted?.append(character)
            } else {
                result.append(character)
            }
        }
        if quoted != nil { result += "…" }
        return result.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: ": …", with: "")
    }
}
