import SeamFuzz
import YAML

/// libyaml's parser on arbitrary bytes: every input gives events or a typed `YAMLError`,
/// never a crash; the events form a well-nested stream; an error's position lies inside the
/// input; and parsing is deterministic (a second parse of the same bytes agrees).
public enum YAMLParse: FuzzTarget {
    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let text = input.remainingBytes()
        let parser = YAMLParser()
        let first: Result<[YAMLEvent], YAMLError>
        do throws(YAMLError) { first = .success(try parser.parse(text)) } catch { first = .failure(error) }
        switch first {
        case .success(let events):
            try checkWellNested(events)
        case .failure(let error):
            try invariant(error.offset <= text.count, "error position \(error.offset) is past the input's \(text.count) bytes: \(error)")
            try invariant(error.kind != .memory, "a small input ran out of memory: \(error)")
        }
        let second: Result<[YAMLEvent], YAMLError>
        do throws(YAMLError) { second = .success(try parser.parse(text)) } catch { second = .failure(error) }
        try invariant(first == second, "two parses of the same input disagree")
    }

    /// Stream start first, stream end last, documents between, collections balanced.
    public static func checkWellNested(_ events: [YAMLEvent]) throws(InvariantViolation) {
        try invariant(events.first == .streamStart && events.last == .streamEnd, "the events are not one stream: \(events.prefix(3))...")
        var open: [YAMLEvent] = []
        var inDocument = false
        for event in events.dropFirst().dropLast() {
            switch event {
            case .documentStart:
                try invariant(!inDocument, "a document starts inside a document")
                inDocument = true
            case .documentEnd:
                try invariant(inDocument && open.isEmpty, "a document ends with \(open.count) collections open")
                inDocument = false
            case .sequenceStart, .mappingStart:
                try invariant(inDocument, "a collection outside a document")
                open.append(event)
            case .sequenceEnd:
                guard case .sequenceStart? = open.popLast() else { throw InvariantViolation("a sequence end closes no sequence") }
            case .mappingEnd:
                guard case .mappingStart? = open.popLast() else { throw InvariantViolation("a mapping end closes no mapping") }
            case .scalar, .alias:
                try invariant(inDocument, "a node outside a document")
            case .streamStart, .streamEnd:
                throw InvariantViolation("a stream event inside the stream")
            }
        }
        try invariant(!inDocument, "the stream ends inside a document")
    }

    public static var seeds: [[UInt8]] {
        YAMLSeeds.documents.map { Array($0.utf8) }
    }
}
