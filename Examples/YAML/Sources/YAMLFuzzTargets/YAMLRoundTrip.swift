import SeamFuzz
import YAML

/// Emit, then parse: a stream of events drawn from the input (documents of nested sequences,
/// mappings, scalars of any bytes in any style, anchors, aliases and tags) must be written by
/// libyaml's emitter and read back by its parser as the same events. Styles and implicit
/// flags are the emitter's to choose, so those are not compared.
public enum YAMLRoundTrip: FuzzTarget {
    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        var events: [YAMLEvent] = [.streamStart]
        var anchors: [String] = []
        for _ in 0..<input.int(in: 1...3) {
            events.append(.documentStart(implicit: input.bool()))
            node(&input, depth: 0, into: &events, anchors: &anchors)
            events.append(.documentEnd(implicit: input.bool()))
        }
        events.append(.streamEnd)
        let text = try mustSucceed("emitting \(events.count) events") { () throws(YAMLError) in try YAMLEmitter(unicode: input.bool()).emit(events) }
        let parsed = try mustSucceed("parsing what the emitter wrote:\n\(String(decoding: text, as: UTF8.self))") { () throws(YAMLError) in try YAMLParser().parse(text) }
        let expected = events.map(comparable), actual = parsed.map(comparable)
        try invariant(actual == expected, "the parser read back other events than were emitted:\n\(String(decoding: text, as: UTF8.self))\nemitted: \(expected)\nread:    \(actual)")
    }

    /// Appends one node: a scalar, an alias to an earlier anchor, or a collection.
    static func node(_ input: inout FuzzInput, depth: Int, into events: inout [YAMLEvent], anchors: inout [String]) {
        let kind = depth >= 8 || input.remainingCount < 4 ? 0 : input.int(in: 0...3)
        if kind == 3, !anchors.isEmpty {
            events.append(.alias(anchor: input.pick(from: anchors)))
            return
        }
        let anchor: String? = input.int(in: 0...3) == 0 ? "a\(anchors.count)" : nil
        let tag: String? = input.bool() ? nil : input.pick(from: ["tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "!local", "tag:example.com,2026:thing"])
        switch kind {
        case 1, 2:
            let collection = YAMLEvent.Collection(anchor: anchor, tag: tag, implicit: tag == nil, style: input.pick(from: [.any, .block, .flow]))
            events.append(kind == 1 ? .sequenceStart(collection) : .mappingStart(collection))
            let count = input.int(in: 0...4)
            for _ in 0..<(kind == 1 ? count : 2 * count) {
                node(&input, depth: depth + 1, into: &events, anchors: &anchors)
            }
            events.append(kind == 1 ? .sequenceEnd : .mappingEnd)
        default:
            let value = String(decoding: input.bytes(maxCount: 40), as: UTF8.self)
            let style = input.pick(from: [YAMLEvent.ScalarStyle.any, .plain, .singleQuoted, .doubleQuoted, .literal, .folded])
            events.append(.scalar(.init(value, anchor: anchor, tag: tag, plainImplicit: tag == nil, quotedImplicit: tag == nil, style: style)))
        }
        if let anchor { anchors.append(anchor) }
    }

    /// What a round trip must keep: the kind of each event, its anchor, tag and value.
    static func comparable(_ event: YAMLEvent) -> String {
        switch event {
        case .streamStart: "stream"
        case .streamEnd: "/stream"
        case .documentStart: "doc"
        case .documentEnd: "/doc"
        case .alias(let anchor): "*\(anchor)"
        case .scalar(let scalar): "=\(scalar.anchor ?? "")|\(scalar.tag ?? "")|\(scalar.value.debugDescription)"
        case .sequenceStart(let start): "[\(start.anchor ?? "")|\(start.tag ?? "")"
        case .sequenceEnd: "]"
        case .mappingStart(let start): "{\(start.anchor ?? "")|\(start.tag ?? "")"
        case .mappingEnd: "}"
        }
    }

    public static var seeds: [[UInt8]] {
        [
            [0, 0, 0, 0, 0],
            Array("\u{1}\u{1}\u{2}\u{0}\u{1}\u{3}key\u{0}\u{0}value".utf8),
            Array("\u{2}\u{0}\u{2}\u{1}\u{2}\u{0}\u{2}\u{0}\u{1}\u{3}- x: y\n\u{3}\u{0}'q'\u{1}".utf8),
        ]
    }
}
