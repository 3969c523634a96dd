import CYAML
import SeamBoundary

/// Writes events as YAML text with libyaml's emitter.
///
/// Every call has its own yaml_emitter_t, freed before it returns: safe from any thread.
/// The output is as large as the events make it; the events are the caller's own.
public struct YAMLEmitter: Sendable {
    /// Whether non-ASCII characters are written as they are (true) or escaped.
    public var unicode: Bool

    public init(unicode: Bool = true) {
        self.unicode = unicode
    }

    /// The YAML text of `events`, which must form a stream (stream start, documents, stream
    /// end); a typed error when they do not, or name an anchor or tag libyaml cannot write.
    public func emit(_ events: [YAMLEvent]) throws(YAMLError) -> [UInt8] {
        let emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
        defer { emitter.deallocate() }
        guard yaml_emitter_initialize(emitter) != 0 else {
            throw YAMLError(kind: .memory, problem: "cannot initialize the emitter")
        }
        defer { yaml_emitter_delete(emitter) }
        let output = OutputBuffer()
        // Unretained: `output` outlives the emitter, which is deleted before this returns.
        yaml_emitter_set_output(emitter, { context, buffer, size in
            guard let context, let buffer else { return 0 }
            Unmanaged<OutputBuffer>.fromOpaque(context).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
            return 1
        }, Unmanaged.passUnretained(output).toOpaque())
        yaml_emitter_set_unicode(emitter, unicode ? 1 : 0)
        for (index, event) in events.enumerated() {
            let event = Self.writable(event, next: index + 1 < events.count ? events[index + 1] : nil)
            var cEvent = yaml_event_t()
            guard event.initialize(&cEvent) else {
                throw YAMLError(kind: .limit, problem: "libyaml cannot hold this event (a scalar over 2 GiB, or no memory)")
            }
            // The emitter owns the event from here and frees it, even when it fails.
            let ok = yaml_emitter_emit(emitter, &cEvent) != 0
            Boundary.record("yaml_emitter_emit", ok: ok)
            guard ok else {
                let problem = emitter.pointee.problem.map { String(cString: $0) } ?? "unknown problem"
                throw YAMLError(kind: YAMLError.Kind(rawValue: emitter.pointee.error.rawValue), problem: problem)
            }
        }
        return output.bytes
    }
}

extension YAMLEmitter {
    /// libyaml 0.2.5 writes an implicit document whose root is an empty plain scalar as
    /// nothing, which its own parser then refuses ("did not find expected node content" at
    /// the `...` that follows); with an explicit `---` it reads back. Found by YAMLRoundTrip.
    static func writable(_ event: YAMLEvent, next: YAMLEvent?) -> YAMLEvent {
        guard case .documentStart(implicit: true) = event, case .scalar(let root)? = next,
              root.value.isEmpty, root.style == .any || root.style == .plain
        else { return event }
        return .documentStart(implicit: false)
    }
}

/// Collects what the emitter writes; reached from libyaml's write callback.
private final class OutputBuffer {
    var bytes: [UInt8] = []
}

extension YAMLEvent {
    /// Makes the C event (libyaml copies every string); false when libyaml cannot allocate it
    /// or a scalar is longer than libyaml's int length.
    func initialize(_ event: UnsafeMutablePointer<yaml_event_t>) -> Bool {
        // Lends a string as the NUL-terminated bytes libyaml copies; nil stays nil.
        func optional<R>(_ string: String?, _ body: (UnsafeMutablePointer<yaml_char_t>?) -> R) -> R {
            guard let string else { return body(nil) }
            var bytes = Array(string.utf8) + [0]
            return bytes.withUnsafeMutableBufferPointer { body($0.baseAddress) }
        }
        // A node's anchor and tag, lent together.
        func properties<R>(_ anchor: String?, _ tag: String?, _ body: (UnsafeMutablePointer<yaml_char_t>?, UnsafeMutablePointer<yaml_char_t>?) -> R) -> R {
            optional(anchor) { anchor in optional(tag) { tag in body(anchor, tag) } }
        }
        let made: Int32
        switch self {
        case .streamStart: made = yaml_stream_start_event_initialize(event, YAML_UTF8_ENCODING)
        case .streamEnd: made = yaml_stream_end_event_initialize(event)
        case .documentStart(let implicit): made = yaml_document_start_event_initialize(event, nil, nil, nil, implicit ? 1 : 0)
        case .documentEnd(let implicit): made = yaml_document_end_event_initialize(event, implicit ? 1 : 0)
        case .alias(let anchor): made = optional(anchor) { yaml_alias_event_initialize(event, $0) }
        case .scalar(let scalar):
            // libyaml takes the length as an int and copies that many bytes; the NUL gives an
            // empty value an address.
            var value = Array(scalar.value.utf8) + [0]
            guard let length = Int32(exactly: value.count - 1) else { return false }
            made = properties(scalar.anchor, scalar.tag) { anchor, tag in
                value.withUnsafeMutableBufferPointer { value in
                    yaml_scalar_event_initialize(event, anchor, tag, value.baseAddress, length,
                                                 scalar.plainImplicit ? 1 : 0, scalar.quotedImplicit ? 1 : 0, scalar.style.c)
                }
            }
        case .sequenceStart(let start):
            let style = start.style == .flow ? YAML_FLOW_SEQUENCE_STYLE : start.style == .block ? YAML_BLOCK_SEQUENCE_STYLE : YAML_ANY_SEQUENCE_STYLE
            made = properties(start.anchor, start.tag) { yaml_sequence_start_event_initialize(event, $0, $1, start.implicit ? 1 : 0, style) }
        case .sequenceEnd: made = yaml_sequence_end_event_initialize(event)
        case .mappingStart(let start):
            let style = start.style == .flow ? YAML_FLOW_MAPPING_STYLE : start.style == .block ? YAML_BLOCK_MAPPING_STYLE : YAML_ANY_MAPPING_STYLE
            made = properties(start.anchor, start.tag) { yaml_mapping_start_event_initialize(event, $0, $1, start.implicit ? 1 : 0, style) }
        case .mappingEnd: made = yaml_mapping_end_event_initialize(event)
        }
        return made != 0
    }
}
