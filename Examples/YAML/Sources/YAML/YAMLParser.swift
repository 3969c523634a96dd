import CYAML
import SeamBoundary

/// Parses YAML text into events with libyaml, within limits.
///
/// libyaml's parser keeps a stack as deep as the document nests and the wrapper keeps every
/// event, so both are bounded: `maxDepth` collections open at once and `maxEvents` in all.
/// Every call has its own yaml_parser_t, freed before it returns: safe from any thread.
public struct YAMLParser: Sendable {
    public var maxDepth: Int
    public var maxEvents: Int

    public init(maxDepth: Int = 512, maxEvents: Int = 1_000_000) {
        self.maxDepth = maxDepth
        self.maxEvents = maxEvents
    }

    /// The events of `text`, stream start to stream end; a typed error for bad input or a
    /// limit reached, with the position libyaml reports.
    public func parse(_ text: [UInt8]) throws(YAMLError) -> [YAMLEvent] {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else {
            throw YAMLError(kind: .memory, problem: "cannot initialize the parser")
        }
        defer { yaml_parser_delete(parser) }
        // The parser reads the input in place: it must stay put until yaml_parser_delete. An
        // empty input still needs an address (libyaml asserts one); it reads 0 bytes of it.
        let storage = text.isEmpty ? [0] : text
        return try storage.withUnsafeBufferPointer { (input) throws(YAMLError) -> [YAMLEvent] in
            yaml_parser_set_input_string(parser, input.baseAddress, text.count)
            var events: [YAMLEvent] = []
            var depth = 0
            var event = yaml_event_t()
            while true {
                let ok = yaml_parser_parse(parser, &event) != 0
                Boundary.record("yaml_parser_parse", ok: ok)
                guard ok else { throw Self.error(of: parser.pointee) }
                let converted = YAMLEvent(event)
                yaml_event_delete(&event)
                switch converted {
                case .sequenceStart, .mappingStart: depth += 1
                case .sequenceEnd, .mappingEnd: depth -= 1
                default: break
                }
                guard depth <= maxDepth else { throw YAMLError(kind: .limit, problem: "collections nest deeper than \(maxDepth)") }
                guard events.count < maxEvents else { throw YAMLError(kind: .limit, problem: "more than \(maxEvents) events") }
                events.append(converted)
                if converted == .streamEnd { return events }
            }
        }
    }

    private static func error(of parser: yaml_parser_t) -> YAMLError {
        // A reader error has a byte offset and no line: it is found before lines are counted.
        if parser.error == YAML_READER_ERROR {
            return YAMLError(kind: .reader, problem: parser.problem.map { String(cString: $0) } ?? "unknown problem", offset: parser.problem_offset)
        }
        return YAMLError(
            kind: YAMLError.Kind(rawValue: parser.error.rawValue),
            problem: parser.problem.map { String(cString: $0) } ?? "unknown problem",
            context: parser.context.map { String(cString: $0) },
            line: parser.problem_mark.line, column: parser.problem_mark.column, offset: parser.problem_mark.index
        )
    }
}

extension YAMLEvent {
    /// Copies a parsed C event into Swift values; the C event still needs yaml_event_delete.
    init(_ event: yaml_event_t) {
        func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }
        switch event.type {
        case YAML_STREAM_START_EVENT: self = .streamStart
        case YAML_DOCUMENT_START_EVENT: self = .documentStart(implicit: event.data.document_start.implicit != 0)
        case YAML_DOCUMENT_END_EVENT: self = .documentEnd(implicit: event.data.document_end.implicit != 0)
        case YAML_ALIAS_EVENT: self = .alias(anchor: string(event.data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            // The value may hold NUL ("\0" in a double-quoted scalar): read it by length.
            let value = scalar.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self) } ?? ""
            self = .scalar(Scalar(value, anchor: string(scalar.anchor), tag: string(scalar.tag),
                                  plainImplicit: scalar.plain_implicit != 0, quotedImplicit: scalar.quoted_implicit != 0,
                                  style: ScalarStyle(scalar.style)))
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            self = .sequenceStart(Collection(anchor: string(start.anchor), tag: string(start.tag), implicit: start.implicit != 0,
                                             style: start.style == YAML_FLOW_SEQUENCE_STYLE ? .flow : start.style == YAML_BLOCK_SEQUENCE_STYLE ? .block : .any))
        case YAML_SEQUENCE_END_EVENT: self = .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            self = .mappingStart(Collection(anchor: string(start.anchor), tag: string(start.tag), implicit: start.implicit != 0,
                                            style: start.style == YAML_FLOW_MAPPING_STYLE ? .flow : start.style == YAML_BLOCK_MAPPING_STYLE ? .block : .any))
        case YAML_MAPPING_END_EVENT: self = .mappingEnd
        // YAML_STREAM_END_EVENT; YAML_NO_EVENT never follows a successful parse call.
        default: self = .streamEnd
        }
    }
}

extension YAMLEvent.ScalarStyle {
    init(_ style: yaml_scalar_style_t) {
        switch style {
        case YAML_PLAIN_SCALAR_STYLE: self = .plain
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: self = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: self = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: self = .literal
        case YAML_FOLDED_SCALAR_STYLE: self = .folded
        default: self = .any
        }
    }

    var c: yaml_scalar_style_t {
        switch self {
        case .any: YAML_ANY_SCALAR_STYLE
        case .plain: YAML_PLAIN_SCALAR_STYLE
        case .singleQuoted: YAML_SINGLE_QUOTED_SCALAR_STYLE
        case .doubleQuoted: YAML_DOUBLE_QUOTED_SCALAR_STYLE
        case .literal: YAML_LITERAL_SCALAR_STYLE
        case .folded: YAML_FOLDED_SCALAR_STYLE
        }
    }
}
