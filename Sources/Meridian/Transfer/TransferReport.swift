/// What a transfer did, table by table: rows read and written, and when verified, both
/// digests and whether they match. `--json` prints it as is.
public struct TransferReport: Sendable, Codable, Equatable {
    public struct Table: Sendable, Codable, Equatable {
        public var table: String
        /// Rows read from the source.
        public var sourceRows: Int64
        /// Rows the target stored.
        public var writtenRows: Int64
        /// The source's rows, digested as they were read; `nil` unless verified.
        public var sourceDigest: TableDigest?
        /// The rows read back from the target; `nil` unless verified.
        public var targetDigest: TableDigest?
        public var milliseconds: Double

        /// Whether both sides hold the same rows; `nil` when not verified.
        public var matches: Bool? {
            guard let sourceDigest, let targetDigest else { return nil }
            return sourceDigest == targetDigest
        }

        private enum CodingKeys: String, CodingKey {
            case table, sourceRows, writtenRows, sourceDigest, targetDigest, milliseconds, matches
        }

        public init(table: String, sourceRows: Int64, writtenRows: Int64, sourceDigest: TableDigest?, targetDigest: TableDigest?, milliseconds: Double) {
            self.table = table
            self.sourceRows = sourceRows
            self.writtenRows = writtenRows
            self.sourceDigest = sourceDigest
            self.targetDigest = targetDigest
            self.milliseconds = milliseconds
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            table = try container.decode(String.self, forKey: .table)
            sourceRows = try container.decode(Int64.self, forKey: .sourceRows)
            writtenRows = try container.decode(Int64.self, forKey: .writtenRows)
            sourceDigest = try container.decodeIfPresent(TableDigest.self, forKey: .sourceDigest)
            targetDigest = try container.decodeIfPresent(TableDigest.self, forKey: .targetDigest)
            milliseconds = try container.decode(Double.self, forKey: .milliseconds)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(table, forKey: .table)
            try container.encode(sourceRows, forKey: .sourceRows)
            try container.encode(writtenRows, forKey: .writtenRows)
            try container.encodeIfPresent(sourceDigest, forKey: .sourceDigest)
            try container.encodeIfPresent(targetDigest, forKey: .targetDigest)
            try container.encode(milliseconds, forKey: .milliseconds)
            try container.encodeIfPresent(matches, forKey: .matches)
        }
    }

    public var mode: TransferMode
    /// Whether both sides' digests were computed and compared.
    public var verified: Bool
    /// In the order they were copied.
    public var tables: [Table]
    /// The whole transfer, from the first query to the commit.
    public var milliseconds: Double

    public init(mode: TransferMode, verified: Bool, tables: [Table], milliseconds: Double) {
        self.mode = mode
        self.verified = verified
        self.tables = tables
        self.milliseconds = milliseconds
    }

    /// Rows written, all tables.
    public var rows: Int64 { tables.reduce(0) { $0 + $1.writtenRows } }
}
