import Foundation
@testable import LibXML2
import Testing

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// An XPath result as text: a string as is, a number as `Double` prints it.
private func value(_ document: XMLDocument?, _ expression: String) throws -> String? {
    switch try document?.evaluate(expression) {
    case .string(let string)?: string
    case .number(let number)?: "\(number)"
    case .boolean(let boolean)?: "\(boolean)"
    case .nodes(let nodes)?: "\(nodes.count) nodes"
    case nil: nil
    }
}

private func text(_ document: XMLDocument) throws -> String {
    String(decoding: try document.serialized(), as: UTF8.self)
}

/// Every external document a parse loads comes from the call's `XMLResources`.
@Suite struct Resources {
    static let entityDocument = "<!DOCTYPE r [<!ENTITY e SYSTEM \"e.xml\">]><r>&e;</r>"

    @Test func anExternalEntityIsServedFromTheResources() throws {
        let document = try XMLDocument(parsing: bytes(Self.entityDocument), options: .substituteEntities, resources: ["e.xml": bytes("<v>1</v>")])
        #expect(try value(document, "string(/r/v)") == "1")
        #expect(document.parseDiagnostics == [])
    }

    @Test func withoutTheResourceNothingLoads() throws {
        let document = try XMLDocument(parsing: bytes(Self.entityDocument), options: .substituteEntities, resources: ["other.xml": bytes("<v>1</v>")])
        #expect(try value(document, "count(/r/v)") == "0.0")
        #expect(document.parseDiagnostics == [])  // libxml2 leaves an unloadable entity unexpanded silently
    }

    /// A name is matched as libxml2 resolves it, against the document's URL; the file of the
    /// same name next to the process is never read.
    @Test func namesResolveAgainstTheDocumentURL() throws {
        let name = "seam-resource-\(getpid()).xml"
        try Data("<leaked/>".utf8).write(to: URL(fileURLWithPath: name))
        defer { try? FileManager.default.removeItem(atPath: name) }
        let source = bytes("<!DOCTYPE r [<!ENTITY e SYSTEM \"\(name)\">]><r>&e;</r>")
        let served = try XMLDocument(
            parsing: source, options: .substituteEntities, url: "http://example.com/dir/doc.xml",
            resources: XMLResources(["http://example.com/dir/\(name)": bytes("<v/>")])
        )
        #expect(try value(served, "count(/r/v)") == "1.0")
        let missed = try XMLDocument(parsing: source, options: .substituteEntities, url: "http://example.com/dir/doc.xml", resources: [name: bytes("<v/>")])
        #expect(try value(missed, "count(/r/*)") == "0.0")
    }

    static let dtd = "<!ELEMENT r (s*)><!ELEMENT s EMPTY><!ATTLIST s a CDATA 'default'><!ENTITY greeting 'hello'>"

    @Test func theExternalSubsetLoadsAndValidates() throws {
        let options: XMLParseOptions = [.loadExternalDTD, .defaultAttributes, .substituteEntities]
        let resources: XMLResources = ["r.dtd": bytes(Self.dtd)]
        let valid = try XMLDocument(parsing: bytes("<!DOCTYPE r SYSTEM \"r.dtd\"><r><s/></r>"), options: options, resources: resources)
        #expect(try value(valid, "string(/r/s/@a)") == "default")
        #expect(try valid.validateAgainstDTD().isValid)
        let invalid = try XMLDocument(parsing: bytes("<!DOCTYPE r SYSTEM \"r.dtd\"><r><t/>&greeting;</r>"), options: options, resources: resources)
        #expect(try value(invalid, "string(/r)") == "hello")
        let result = try invalid.validateAgainstDTD()
        #expect(result.errors.map(\.code) == [.dtdContentModel, .dtdUnknownElement], "\(result.errors)")
    }

    @Test func aDTDFromBytesValidates() throws {
        let dtd = try XMLDTD(parsing: bytes(Self.dtd))
        let valid = try parse("<r><s a='x'/></r>").validate(against: dtd)
        #expect(valid.isValid && valid.errors == [])
        let result = try parse("<r><u/></r>").validate(against: dtd)
        #expect(!result.isValid)
        #expect(result.errors.map(\.code) == [.dtdContentModel, .dtdUnknownElement])
        let error = #expect(throws: XMLError.self) { try XMLDTD(parsing: bytes("<!ELEMENT r (s")) }
        #expect(error?.kind == .parse)
        #expect(error?.diagnostics.isEmpty == false)
    }

    /// libxml2 compiles a content model once per DTD and reports an ambiguous one then only
    /// (found by XMLDTDValidate): the documented behaviour, pinned.
    @Test func anAmbiguousContentModelIsReportedByTheFirstValidationOnly() throws {
        let dtd = try XMLDTD(parsing: bytes("<!ELEMENT r (q|q)?><!ELEMENT q EMPTY>"))
        let document = try parse("<r><q/></r>")
        let first = try document.validate(against: dtd)
        #expect(first.isValid)
        #expect(first.errors.map(\.code) == [.dtdContentNotDeterministic])
        let second = try document.validate(against: dtd)
        #expect(second.isValid && second.errors == [])
    }

    @Test func aDTDFromBytesReadsItsParameterEntitiesFromTheResources() throws {
        let dtd = try XMLDTD(parsing: bytes("<!ENTITY % decls SYSTEM \"decls.ent\">%decls;"), resources: ["decls.ent": bytes(Self.dtd)])
        #expect(try parse("<r><s/></r>").validate(against: dtd).isValid)
    }

    static let including = """
        <r xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="a.xml"/><xi:include href="t.txt" parse="text"/>\
        <xi:include href="missing.xml"><xi:fallback><f/></xi:fallback></xi:include></r>
        """
    static let included: XMLResources = ["a.xml": bytes("<a><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"b.xml\"/></a>"), "b.xml": bytes("<b/>"), "t.txt": bytes("1 < 2")]

    @Test func xincludesAreReplacedByTheResources() throws {
        let document = try XMLDocument(parsing: bytes(Self.including), options: .processXIncludes, resources: Self.included)
        #expect(try text(document) == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><a><b/></a>1 &lt; 2<f/></r>\n", "\((try? text(document)) ?? "") \(document.parseDiagnostics)")
    }

    @Test func anInclusionWithoutResourceOrFallbackFailsTheParse() {
        let document = bytes("<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"missing.xml\"/></r>")
        let error = #expect(throws: XMLError.self) { try XMLDocument(parsing: document, options: .processXIncludes, resources: Self.included) }
        #expect(error?.kind == .parse)
        #expect(error?.diagnostics.map(\.code) == [.xincludeNoFallback])
        #expect(error?.diagnostics.map(\.domain) == [.xinclude])
    }

    @Test func thePushParserIncludesAsTheOneCallParserDoes() throws {
        let parser = try XMLPushParser(options: .processXIncludes, resources: Self.included)
        let source = bytes(Self.including)
        for start in stride(from: 0, to: source.count, by: 7) { try parser.feed(source[start..<min(start + 7, source.count)]) }
        let pushed = try parser.finish()
        #expect(try text(pushed) == text(XMLDocument(parsing: bytes(Self.including), options: .processXIncludes, resources: Self.included)))
    }

    @Test func xincludesThatWouldMultiplyAreRefusedBeforeAnyIsProcessed() throws {
        let main = bytes("<r xmlns:xi=\"http://www.w3.org/2001/XInclude\">" + String(repeating: "<xi:include href=\"a.xml\"/>", count: 1_000) + "</r>")
        let resource = bytes("<a>" + String(repeating: "x", count: 10_000) + "</a>")
        let bound = XMLDocument.maxInclusion(forInputOf: main.count + resource.count)
        #expect(throws: XMLError(kind: .limitExceeded("1000 XIncludes of these resources could copy more than \(bound) bytes"), diagnostics: [])) {
            try XMLDocument(parsing: main, options: .processXIncludes, resources: ["a.xml": resource])
        }
        // A chain: each document includes the next one ten times.
        var chain: XMLResources = [:]
        for level in 0..<8 {
            chain.documents["\(level).xml"] = bytes("<l xmlns:xi=\"http://www.w3.org/2001/XInclude\">" + String(repeating: "<xi:include href=\"\(level + 1).xml\"/>", count: 10) + "</l>")
        }
        chain.documents["8.xml"] = bytes("<end/>")
        let start = bytes("<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"0.xml\"/></r>")
        let error = #expect(throws: XMLError.self) { try XMLDocument(parsing: start, options: .processXIncludes, resources: chain) }
        guard case .limitExceeded? = error?.kind else { Issue.record("expected .limitExceeded, got \(String(describing: error))"); return }
    }

    /// libxml2 fails processing a tree with no root element, without a diagnostic: such a
    /// recovered tree has nothing to include and is returned as recovered.
    @Test func aRecoveredTreeWithoutRootNeedsNoInclusion() throws {
        let document = try XMLDocument(parsing: bytes("<?xml version='1.0'?><!-- only -->"), options: [.recover, .processXIncludes], resources: Self.included)
        #expect(document.root == nil)
    }

    @Test func xpointerIsRefused() {
        let document = bytes("<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"a.xml\" xpointer=\"xpointer(//*)\"/></r>")
        #expect(throws: XMLError(kind: .invalidArgument("an XInclude selects by xpointer, which libxml2 2.9 evaluates without a bound"), diagnostics: [])) {
            try XMLDocument(parsing: document, options: .processXIncludes, resources: ["a.xml": bytes("<a/>")])
        }
    }

    /// libxml2 2.9 leaks the text node of a text inclusion that meets a character XML forbids.
    @Test func textIsIncludedOnlyWhenEveryResourceIsXMLText() {
        let document = bytes("<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"t\" parse=\"text\"/></r>")
        #expect(throws: XMLError(kind: .invalidArgument("resource \"t\" is not UTF-8 text of XML characters, and the document includes text"), diagnostics: [])) {
            try XMLDocument(parsing: document, options: .processXIncludes, resources: ["t": [0x61, 0x01]])
        }
        let latin1 = bytes("<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"t\" parse=\"text\" encoding=\"ISO-8859-1\"/></r>")
        #expect(throws: XMLError(kind: .invalidArgument("an XInclude includes text in an encoding other than UTF-8"), diagnostics: [])) {
            try XMLDocument(parsing: latin1, options: .processXIncludes, resources: ["t": bytes("caf\u{E9}")])
        }
    }

    @Test func schemasIncludeFromTheResources() throws {
        let xsd = "http://www.w3.org/2001/XMLSchema"
        let schema = try XMLSchema(
            parsing: bytes("<xs:schema xmlns:xs=\"\(xsd)\"><xs:include schemaLocation=\"types.xsd\"/><xs:element name=\"n\" type=\"small\"/></xs:schema>"),
            resources: ["types.xsd": bytes("<xs:schema xmlns:xs=\"\(xsd)\"><xs:simpleType name=\"small\"><xs:restriction base=\"xs:int\"><xs:maxInclusive value=\"9\"/></xs:restriction></xs:simpleType></xs:schema>")]
        )
        #expect(try schema.validate(parse("<n>3</n>")).isValid)
        #expect(try !schema.validate(parse("<n>30</n>")).isValid)
    }

    /// libxml2 loads a RELAX NG `externalRef` again each time: the loads are bounded.
    @Test func repeatedLoadsArePassTheBudget() throws {
        let rng = "http://relaxng.org/ns/structure/1.0"
        let part = bytes("<element name=\"p\" xmlns=\"\(rng)\"><!--" + String(repeating: "x", count: 1 << 20) + "--><empty/></element>")
        let schema = bytes("<element name=\"r\" xmlns=\"\(rng)\"><group>" + String(repeating: "<externalRef href=\"p.rng\"/>", count: 40) + "</group></element>")
        let budget = XMLResources.maxLoadedBytes(forInputOf: schema.count + part.count)
        #expect(throws: XMLError(kind: .limitExceeded("loading resources would pass \(budget) bytes"), diagnostics: [])) {
            try XMLSchema(parsing: schema, language: .relaxNG, resources: ["p.rng": part])
        }
    }

    @Test func theReaderLoadsFromTheResources() throws {
        let reader = try XMLReader(bytes: bytes(Self.entityDocument), options: .substituteEntities, resources: ["e.xml": bytes("<v>1</v>")])
        var names: [String] = []
        while let event = try reader.next() {
            if event.kind == .startElement { names.append(event.name) }
        }
        #expect(names == ["r", "v"])
        #expect(throws: XMLError(kind: .invalidArgument("the reader does not process XIncludes; parse the document whole"), diagnostics: [])) {
            try XMLReader(bytes: bytes(Self.including), options: .processXIncludes, resources: Self.included)
        }
    }

    /// libxml2's loader is process-wide; the wrapper's dispatches per thread, so parses
    /// running at once each see their own resources only (run under TSan in CI).
    @Test func concurrentParsesSeeOnlyTheirOwnResources() async {
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var wrong = 0
                    for round in 0..<25 {
                        let expected = "\(task)-\(round)"
                        let document = try? XMLDocument(parsing: bytes(Self.entityDocument), options: .substituteEntities, resources: ["e.xml": bytes("<v>\(expected)</v>")])
                        if (try? value(document, "string(/r/v)")) != expected { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }
}
