import Testing
import YAML

@Suite struct Parsing {
    @Test func aMappingReadsAsEvents() throws {
        let events = try YAMLParser().parse(Array("key: [1, 'two']\n".utf8))
        #expect(events == [
            .streamStart, .documentStart(implicit: true),
            .mappingStart(.init(implicit: true, style: .block)),
            .scalar(.init("key", quotedImplicit: false, style: .plain)),
            .sequenceStart(.init(implicit: true, style: .flow)),
            .scalar(.init("1", quotedImplicit: false, style: .plain)),
            .scalar(.init("two", plainImplicit: false, quotedImplicit: true, style: .singleQuoted)),
            .sequenceEnd, .mappingEnd,
            .documentEnd(implicit: true), .streamEnd,
        ])
    }

    @Test func anEmptyInputIsAnEmptyStream() throws {
        #expect(try YAMLParser().parse([]) == [.streamStart, .streamEnd])
    }

    @Test func aNulInAQuotedScalarIsKept() throws {
        let events = try YAMLParser().parse(Array("\"a\\0b\"".utf8))
        #expect(events.contains(.scalar(.init("a\u{0}b", plainImplicit: false, quotedImplicit: true, style: .doubleQuoted))))
    }

    @Test func badInputIsATypedErrorWithItsPosition() {
        let error = #expect(throws: YAMLError.self) { try YAMLParser().parse(Array("key: [unclosed\n".utf8)) }
        #expect(error?.kind == .parser)
        #expect(error?.problem == "did not find expected ',' or ']'")
        #expect(error?.context == "while parsing a flow sequence")
        #expect(error?.line == 1)
        #expect(error?.column == 0)
    }

    @Test func invalidUTF8IsAReaderError() {
        let error = #expect(throws: YAMLError.self) { try YAMLParser().parse([0x61, 0xFF, 0x0A]) }
        #expect(error?.kind == .reader)
        #expect(error?.problem == "invalid leading UTF-8 octet")
        #expect(error?.offset == 1)
    }

    @Test func nestingDeeperThanTheLimitIsRefused() throws {
        let deep = Array(String(repeating: "[", count: 600).utf8)
        let error = #expect(throws: YAMLError.self) { try YAMLParser().parse(deep) }
        #expect(error == YAMLError(kind: .limit, problem: "collections nest deeper than 512"))
        #expect(throws: YAMLError.self) { try YAMLParser(maxDepth: 2).parse(Array("[[[x]]]".utf8)) }
        #expect(try YAMLParser(maxDepth: 3).parse(Array("[[[x]]]".utf8)).count == 11)
    }

    @Test func moreEventsThanTheLimitIsRefused() {
        let error = #expect(throws: YAMLError.self) { try YAMLParser(maxEvents: 5).parse(Array("[a, b, c]".utf8)) }
        #expect(error == YAMLError(kind: .limit, problem: "more than 5 events"))
    }
}

@Suite struct Emitting {
    @Test func eventsAreWrittenAsYAML() throws {
        let text = try YAMLEmitter().emit([
            .streamStart, .documentStart(implicit: true),
            .mappingStart(.init(style: .block)),
            .scalar(.init("name")), .scalar(.init("Seam")),
            .scalar(.init("anchored", anchor: "x")), .alias(anchor: "x"),
            .mappingEnd, .documentEnd(implicit: true), .streamEnd,
        ])
        #expect(String(decoding: text, as: UTF8.self) == "name: Seam\n&x anchored: *x\n")
    }

    @Test func aDocumentOfOneEmptyScalarReadsBack() throws {
        let events: [YAMLEvent] = [.streamStart, .documentStart(implicit: true), .scalar(.init("")), .documentEnd(implicit: false), .streamEnd]
        let text = try YAMLEmitter().emit(events)
        #expect(String(decoding: text, as: UTF8.self) == "---\n...\n")
        #expect(try YAMLParser().parse(text)[2] == .scalar(.init("", quotedImplicit: false, style: .plain)))
    }

    @Test func eventsThatAreNotAStreamAreATypedError() {
        let error = #expect(throws: YAMLError.self) { try YAMLEmitter().emit([.scalar(.init("alone"))]) }
        #expect(error == YAMLError(kind: .emitter, problem: "expected STREAM-START"))
    }

    @Test func anAnchorLibyamlCannotWriteIsATypedError() {
        let events: [YAMLEvent] = [.streamStart, .documentStart(implicit: true), .alias(anchor: "no spaces"), .documentEnd(implicit: true), .streamEnd]
        let error = #expect(throws: YAMLError.self) { try YAMLEmitter().emit(events) }
        #expect(error?.kind == .emitter)
        #expect(error?.problem == "alias value must contain alphanumerical characters only")
    }
}
