import CYAML

/// A libyaml failure: its error kind, problem and context, and where in the input it was.
/// Like swift-system's `Errno`, the kind is libyaml's own code with a name per constant.
public struct YAMLError: Error, Equatable, Sendable, CustomStringConvertible {
    public struct Kind: RawRepresentable, Hashable, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// YAML_MEMORY_ERROR: libyaml could not allocate.
        public static let memory = Kind(rawValue: YAML_MEMORY_ERROR.rawValue)
        /// YAML_READER_ERROR: the input is not valid in its encoding.
        public static let reader = Kind(rawValue: YAML_READER_ERROR.rawValue)
        /// YAML_SCANNER_ERROR: a token could not be read.
        public static let scanner = Kind(rawValue: YAML_SCANNER_ERROR.rawValue)
        /// YAML_PARSER_ERROR: the tokens do not form a YAML stream.
        public static let parser = Kind(rawValue: YAML_PARSER_ERROR.rawValue)
        /// YAML_EMITTER_ERROR: the events do not form a stream the emitter can write.
        public static let emitter = Kind(rawValue: YAML_EMITTER_ERROR.rawValue)
        /// Not libyaml's: a limit of the wrapper (depth, events) was reached.
        public static let limit = Kind(rawValue: 1000)
    }

    public let kind: Kind
    public let problem: String
    public let context: String?
    /// Zero-based, as libyaml counts; 0 where it gives no position.
    public let line: Int
    public let column: Int
    public let offset: Int

    public init(kind: Kind, problem: String, context: String? = nil, line: Int = 0, column: Int = 0, offset: Int = 0) {
        self.kind = kind
        self.problem = problem
        self.context = context
        self.line = line
        self.column = column
        self.offset = offset
    }

    public var description: String {
        let place = switch kind {
        case .emitter, .limit, .memory: ""
        case .reader: " at byte \(offset)"
        default: " at line \(line + 1), column \(column + 1)"
        }
        return "YAML \(kindName) error\(place): \(problem)" + (context.map { " (\($0))" } ?? "")
    }

    private var kindName: String {
        switch kind {
        case .memory: "memory"
        case .reader: "reader"
        case .scanner: "scanner"
        case .parser: "parser"
        case .emitter: "emitter"
        case .limit: "limit"
        default: "code \(kind.rawValue)"
        }
    }
}
