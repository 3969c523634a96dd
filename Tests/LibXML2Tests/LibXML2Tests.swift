import Glibc
@testable import LibXML2
import Foundation
import Testing

func parse(_ text: String, options: XMLParseOptions = []) throws(XMLError) -> XMLDocument {
    try XMLDocument(parsing: Array(text.utf8), options: options)
}

let catalog = """
    <?xml version="1.0"?>
    <catalog xmlns="urn:books" xmlns:x="urn:extra">
      <book id="1" x:rating="5"><title>Swift</title><price>10.5</price></book>
      <book id="2"><title>C</title><price>20</price><!-- note --></book>
    </catalog>
    """

@Suite struct Parsing {
    @Test func navigatesElementsAttributesAndText() throws {
        let document = try parse(catalog)
        let root = try #require(document.root)
        #expect(root.kind == .element)
        #expect(root.name == "catalog")
        #expect(root.namespaceURI == "urn:books")
        let books = root.childElements
        #expect(books.count == 2)
        #expect(books[0].attribute("id") == "1")
        #expect(books[0].attribute("rating", namespaceURI: "urn:extra") == "5")
        #expect(books[0].attribute("missing") == nil)
        #expect(books[0].childElements.first?.content == "Swift")
        #expect(books[1].children.contains { $0.kind == .comment && $0.content == " note " })
        #expect(books[0].parent?.isSameNode(as: root) == true)
        var walked: [XMLNode] = []
        var next = root.firstChild
        while let node = next {
            walked.append(node)
            next = node.nextSibling
        }
        #expect(walked.count == root.children.count)
        #expect(zip(walked, root.children).allSatisfy { $0.isSameNode(as: $1) })
        #expect(books[1].nextSibling?.nextSibling == nil)
        #expect(document.node.nextSibling == nil)
        #expect(books[0].attributes.first?.nextSibling?.name == "rating")
        #expect(books[0].attributes.first?.firstChild?.content == "1")
        #expect(document.node.kind == .document)
    }

    @Test func malformedDocumentThrowsWithPosition() {
        let error = #expect(throws: XMLError.self) { try parse("<a>\n<b></a>") }
        #expect(error?.kind == .parse)
        #expect(error?.domain == .parser)
        #expect(error?.code == .tagNameMismatch)
        #expect(error?.line == 2)
        #expect(error?.message.contains("mismatch") == true)
    }

    @Test func emptyInputIsAnError() {
        let error = #expect(throws: XMLError.self) { try XMLDocument(parsing: [UInt8]()) }
        #expect(error?.code == .documentEmpty)
    }

    @Test func recoverModeKeepsTheTreeAndTheErrors() throws {
        let document = try parse("<a><b>text</a>", options: .recover)
        #expect(document.root?.name == "a")
        #expect(document.parseDiagnostics.contains { $0.level >= .error })
    }

    @Test func optionsChangeTheTree() throws {
        let cdata = "<a><![CDATA[x]]></a>"
        #expect(try parse(cdata).root?.children.first?.kind == .cdata)
        #expect(try parse(cdata, options: .mergeCDATA).root?.children.first?.kind == .text)
        #expect(try parse("<a> <b/> </a>", options: .removeBlankText).root?.children.count == 1)
    }

    @Test func invalidUTF8IsAnError() {
        let error = #expect(throws: XMLError.self) { try XMLDocument(parsing: Array("<a>".utf8) + [0xFF, 0xFE] + Array("</a>".utf8)) }
        #expect(error?.code == .invalidCharacter)
    }

    @Test func inputTheEncoderCannotConvertIsAnError() throws {
        // libxml2 2.9 ends the document where its input conversion failed and reports no
        // error for the tree; the reader reports it (found by XMLReader,
        // regression-a63a5f4ff8654084: UTF-7 declared, NUL bytes after the root).
        let bytes = Array("<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n<r>one</r>".utf8) + [0, 0]
        let error = #expect(throws: XMLError.self) { try XMLDocument(parsing: bytes) }
        #expect(error?.kind == .parse)
        #expect(error?.diagnostics.contains { $0.message.hasPrefix("input conversion failed") } == true)
        #expect((#expect(throws: XMLError.self) { try XMLReader(bytes: bytes).next() })?.code == .encodingConversionFailed)
        let recovered = try XMLDocument(parsing: bytes, options: .recover)
        #expect(recovered.root?.content == "one")
        #expect(recovered.parseDiagnostics.contains { $0.message.hasPrefix("input conversion failed") })
        #expect(try XMLDocument(parsing: Array("<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n<r>one</r>".utf8)).root?.content == "one")
    }

    /// The reader's markup limits decode a non-ASCII encoding with libxml2's converter before
    /// the parse; its conversion error once went to stderr, outside any collected call.
    @Test func aConversionErrorReachesNoStderr() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n<r>one</r>".utf8) + [0, 0]
        let written = try standardErrorOutput {
            _ = try? XMLReader(bytes: bytes).next()
            _ = try? XMLDocument(parsing: bytes)
        }
        #expect(written == "")
    }

    @Test func nodesKeepTheirDocumentAlive() throws {
        var node: XMLNode? = nil
        do {
            let document = try parse("<a><b>kept</b></a>")
            node = document.root?.childElements.first
        }
        #expect(node?.content == "kept")
        #expect(node?.document.root?.name == "a")
    }

    @Test func loadedLibraryMatchesHeaders() {
        #expect(XMLLibrary.libraryVersion == XMLLibrary.headerVersion)
    }
}

@Suite struct HostileInput {
    /// A file the tests below point external references at: if libxml2 read it, its marker
    /// would show in the tree, and its unclosed tag would show in the diagnostics.
    static let secret: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("seam-secret-\(getpid()).xml")
        try! Data("SECRET-MARKER <unclosed".utf8).write(to: url)
        return url
    }()

    /// Every option a caller can set, one at a time, and none.
    static let everyOption = [XMLParseOptions()] + XMLParseOptions.all

    @Test(arguments: everyOption)
    func externalEntitiesAreNeverLoaded(options: XMLParseOptions) throws {
        let xxe = "<!DOCTYPE r [<!ENTITY x SYSTEM \"\(Self.secret.absoluteString)\">]><r>&x;</r>"
        let document = try parse(xxe, options: options)
        // The reference stays a reference, or with substitution is replaced by nothing: not
        // loaded (the file's unclosed tag would be an error), not an error.
        let substitutes = options.contains(.substituteEntities)
        let children = try #require(document.root?.children)
        #expect(children.map(\.kind) == (substitutes ? [] : [.entityReference]))
        #expect(children.first?.firstChild == nil)
        #expect(document.parseDiagnostics == [])
        #expect(!String(decoding: try document.serialized(), as: UTF8.self).contains("SECRET-MARKER"))
        // The reader, and the push parser, do the same.
        let reader = try XMLReader(bytes: Array(xxe.utf8), options: options.subtracting(.processXIncludes))
        var events: [XMLReader.Event] = []
        while let event = try reader.next() { events.append(event) }
        #expect(events.contains { $0.kind == .entityReference && $0.name == "x" } == !substitutes)
        #expect(!events.contains { $0.value?.contains("SECRET-MARKER") == true })
        let pusher = try XMLPushParser(options: options)
        try pusher.feed(Array(xxe.utf8))
        let pushed = try pusher.finish()
        #expect(pushed.root?.children.map(\.kind) == (substitutes ? [] : [.entityReference]))
        #expect(pushed.parseDiagnostics == [])
    }

    @Test func networkEntitiesAreNeverFetched() throws {
        // Port 9 on loopback: nothing listens, and with the network off nothing is tried.
        let xxe = "<!DOCTYPE r [<!ENTITY x SYSTEM \"http://127.0.0.1:9/secret\">]><r>&x;</r>"
        let document = try parse(xxe)
        #expect(document.root?.content == "")
    }

    @Test(arguments: everyOption)
    func externalDTDIsNeverLoaded(options: XMLParseOptions) throws {
        // Were the DTD read, its declarations would default an attribute and declare the
        // entity; unread, the attribute is absent and the entity stays an unexpanded reference.
        let dtd = FileManager.default.temporaryDirectory.appendingPathComponent("seam-dtd-\(getpid()).dtd")
        try Data("<!ATTLIST r leaked CDATA 'yes'><!ENTITY e 'FROM-THE-DTD'>".utf8).write(to: dtd)
        defer { try? FileManager.default.removeItem(at: dtd) }
        let document = try parse("<!DOCTYPE r SYSTEM \"\(dtd.absoluteString)\"><r>&e;</r>", options: options)
        let root = try #require(document.root)
        #expect(root.attributes.isEmpty)
        #expect(root.children.map(\.kind) == [.entityReference])
        #expect(root.content == "")
        // libxml2 warns that the entity is undeclared: it never saw the DTD that declares it.
        #expect(document.parseDiagnostics.map(\.code) == [.undeclaredEntityWarning])
    }

    @Test func billionLaughsIsRefused() {
        var entities = "<!ENTITY l0 \"lol\">"
        for level in 1...12 {
            entities += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">"
        }
        let bomb = "<!DOCTYPE r [\(entities)]><r>&l12;</r>"
        let error = #expect(throws: XMLError.self) { try parse(bomb) }
        #expect(error?.kind == .parse)
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        let error = #expect(throws: XMLError.self) { try parse(deep) }
        #expect(error?.message.contains("depth") == true)
    }

    @Test func hugeNamesAreRefused() {
        let name = String(repeating: "n", count: 20_000_000)
        #expect((#expect(throws: XMLError.self) { try parse("<\(name)/>") })?.code == .nameTooLong)
    }

    @Test func diagnosticsPerCallAreBounded() throws {
        let document = try parse(String(repeating: "<a>&bad;</b>", count: 10_000), options: .recover)
        #expect(document.parseDiagnostics.count <= 100)
    }
}

@Suite struct XPath {
    @Test func evaluatesEveryResultKind() throws {
        let document = try parse(catalog)
        let namespaces = ["b": "urn:books"]
        guard case .nodes(let titles) = try document.evaluate("//b:title", namespaces: namespaces) else {
            Issue.record("expected nodes"); return
        }
        #expect(titles.map(\.content) == ["Swift", "C"])
        guard case .number(let total) = try document.evaluate("sum(//b:price)", namespaces: namespaces) else {
            Issue.record("expected a number"); return
        }
        #expect(total == 30.5)
        guard case .string(let id) = try document.evaluate("string(//b:book[2]/@id)", namespaces: namespaces) else {
            Issue.record("expected a string"); return
        }
        #expect(id == "2")
        guard case .boolean(let cheap) = try document.evaluate("//b:price < 15", namespaces: namespaces) else {
            Issue.record("expected a boolean"); return
        }
        #expect(cheap)
    }

    @Test func evaluatesRelativeToAContextNode() throws {
        let document = try parse(catalog)
        let book = try #require(document.root?.childElements.last)
        guard case .string(let title) = try document.evaluate("string(b:title)", namespaces: ["b": "urn:books"], at: book) else {
            Issue.record("expected a string"); return
        }
        #expect(title == "C")
    }

    @Test func namespaceNodesAreValues() throws {
        let document = try parse(catalog)
        guard case .nodes(let nodes) = try document.evaluate("/*/namespace::*") else { Issue.record("expected nodes"); return }
        #expect(nodes.allSatisfy { $0.kind == .namespace })
        #expect(nodes.contains { $0.name == "x" && $0.namespaceURI == "urn:extra" })
    }

    @Test func invalidExpressionThrowsXPathError() {
        let error = #expect(throws: XMLError.self) { try parse("<a/>").evaluate("//[") }
        #expect(error?.kind == .xpath)
        #expect(error?.domain == .xpath)
        #expect(error?.code == .xpathSyntax)
    }

    @Test func unboundPrefixIsAnError() {
        #expect((#expect(throws: XMLError.self) { try parse("<a/>").evaluate("//nope:a") })?.code == .xpathUndefinedPrefix)
    }

    @Test func rejectsNULAndForeignContextNodes() throws {
        let document = try parse("<a/>"), other = try parse("<b/>")
        let nul = #expect(throws: XMLError.self) { try document.evaluate("//a\u{0}") }
        #expect(nul?.kind == .invalidArgument("XPath expression contains a NUL byte"))
        let foreign = #expect(throws: XMLError.self) { try document.evaluate("*", at: other.root) }
        #expect(foreign?.message.contains("not a node of this document") == true)
    }

    @Test func expensiveExpressionsStopAtTheLimit() throws {
        let document = try parse("<r>" + String(repeating: "<a><b/><b/></a>", count: 200) + "</r>")
        let error = #expect(throws: XMLError.self) {
            try document.evaluate("count(//*[count(//*) > 0])", operationLimit: 10_000)
        }
        #expect(error?.isXPathLimitExceeded == true)
    }

    @Test func evaluationsOnOneDocumentStartAfresh() throws {
        // The document reuses one XPath context: nothing of a call may reach the next.
        let document = try parse(catalog)
        let bound = try document.evaluate("count(//b:book)", namespaces: ["b": "urn:books"])
        guard case .number(2) = bound else { Issue.record("expected 2, got \(bound)"); return }
        #expect((#expect(throws: XMLError.self) { try document.evaluate("count(//b:book)") })?.code == .xpathUndefinedPrefix)
        // Each call gets the whole operation limit: the counts do not add up across calls.
        for _ in 0..<50 {
            guard case .number(2) = try document.evaluate("count(//*[local-name() = 'book'])", operationLimit: 100) else {
                Issue.record("expected 2"); return
            }
        }
        // A failed evaluation leaves the context usable.
        #expect((#expect(throws: XMLError.self) { try document.evaluate("count(//*[count(//*) > 0])", operationLimit: 5) })?.code == .xpathOperationLimit)
        #expect((#expect(throws: XMLError.self) { try document.evaluate("//[") })?.code == .xpathSyntax)
        guard case .string("C") = try document.evaluate("string(/*/*[2]/*[1])") else { Issue.record("expected C"); return }
    }
}

@Suite struct Serialization {
    @Test func serializesAndReparsesTheSameTree() throws {
        let document = try parse(catalog)
        let bytes = try document.serialized()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        let again = try XMLDocument(parsing: bytes)
        #expect(try again.serialized() == bytes)
        #expect(try document.serialized(format: true).count >= bytes.count)
    }

    @Test func convertsDeclaredEncodingsToUTF8() throws {
        let latin1: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>caf".utf8) + [0xE9] + Array("</t>".utf8)
        let document = try XMLDocument(parsing: latin1)
        #expect(document.root?.content == "café")
        #expect(String(decoding: try document.serialized(), as: UTF8.self).contains("café"))
    }
}

@Test func parsesConcurrentlyFromManyTasks() async throws {
    let results = await withTaskGroup(of: Int.self) { group in
        for index in 0..<16 {
            group.addTask {
                guard let document = try? XMLDocument(parsing: Array("<r><i>\(index)</i><bad".utf8), options: .recover),
                      case .number(let value)? = try? document.evaluate("number(/r/i)")
                else { return -1 }
                return Int(value)
            }
        }
        return await group.reduce(into: [Int]()) { $0.append($1) }
    }
    #expect(results.sorted() == Array(0..<16))
}

@Suite struct SerializationSafety {
    @Test(arguments: ["&lt;", "a&amp;b", "a&#9;b", "a&#10;b", "a&#13;b"])
    func refusesNamespaceURIsLibxml2WouldWriteUnescaped(uri: String) throws {
        let document = try parse("<r><s xmlns:p=\"\(uri)\"/></r>")
        let error = #expect(throws: XMLError.self) { try document.serialized() }
        guard case .unserializable? = error?.kind else { Issue.record("expected .unserializable, got \(String(describing: error))"); return }
    }

    @Test func serializesOrdinaryNamespaceURIs() throws {
        let document = try parse("<r xmlns=\"urn:a?b=c>d\"><s xmlns:p=\"http://x/y\"/></r>")
        let again = try XMLDocument(parsing: try document.serialized())
        #expect(again.root?.namespaceURI == "urn:a?b=c>d")
    }
}

@Suite struct XPathEngineConsistency {
    let document = try! parse("<r xmlns:p=\"urn:p\"><p:a n=\"1\">x</p:a><b>2</b><b>3</b></r>")

    func count(_ expression: String, at node: XMLNode? = nil) throws -> Int? {
        guard case .nodes(let nodes) = try document.evaluate(expression, at: node) else { return nil }
        return nodes.count
    }

    @Test func selfAfterDescendantIncludesTheContextNode() throws {
        // libxml2 2.9's streaming shortcut drops the context node here; XPath keeps it.
        let root = try #require(document.root)
        #expect(try count(".//.", at: root) == 7)
        #expect(try count(".//.", at: root) == count("self::node()//.", at: root))
    }

    @Test(arguments: ["r|", "r//", "/r/", "r) | (b"])
    func rejectsInvalidExpressionsTheShortcutAccepted(expression: String) {
        #expect((#expect(throws: XMLError.self) { try document.evaluate(expression) })?.code == .xpathSyntax)
    }

    /// libxml2 alone accepts the first two as `count(//b)` and `id('a')`; the wrapper refuses
    /// them, so `count((expression))` is valid exactly when the expression is.
    @Test(arguments: ["count(//b", "id('a',", "r)"])
    func rejectsUnbalancedParentheses(expression: String) {
        #expect((#expect(throws: XMLError.self) { try document.evaluate(expression) })?.code == .xpathSyntax)
        #expect((#expect(throws: XMLError.self) { try XPathExpression(expression) })?.code == .xpathSyntax)
    }

    @Test func anUnfinishedLiteralIsLibxml2sOwnError() {
        #expect((#expect(throws: XMLError.self) { try document.evaluate("string('a)") })?.code == .xpathUnfinishedLiteral)
        #expect((#expect(throws: XMLError.self) { try XPathExpression("string('a)") })?.code == .xpathUnfinishedLiteral)
    }

    @Test func contextDefaultsToTheDocumentNode() throws {
        #expect(try count("r") == 1)
        #expect(try count("./r/b") == 2)
    }

    @Test func balancedParenthesesIgnoreStringLiterals() {
        #expect(XMLDocument.parenthesesBalance("count(//b[. = ')'])"))
        #expect(!XMLDocument.parenthesesBalance("a) | (b"))
        #expect(!XMLDocument.parenthesesBalance("count(("))
        #expect(XMLDocument.parenthesesBalance("string('a)"))
    }
}

@Suite struct HTML {
    @Test func buildsATreeFromTagSoupAndReportsProblems() throws {
        let document = try XMLDocument(parsingHTML: Array("<p>one<b>two</p>three</b><unknowntag>".utf8))
        #expect(document.isHTML)
        #expect(document.root?.name == "html")
        #expect(!document.parseDiagnostics.isEmpty)
        guard case .nodes(let paragraphs) = try document.evaluate("//p") else { Issue.record("expected nodes"); return }
        #expect(paragraphs.count == 1)
    }

    @Test func emptyInputIsAnEmptyDocument() throws {
        // Like a browser, libxml2's HTML parser builds a tree from any bytes at all.
        let document = try XMLDocument(parsingHTML: [UInt8]())
        #expect(document.root == nil)
        let binary = try XMLDocument(parsingHTML: [0xFF, 0x00, 0xFE, 0x3C, 0x3C])
        #expect(binary.isHTML)
    }

    @Test func serializesAsHTMLAndParsesBack() throws {
        let document = try XMLDocument(parsingHTML: Array("<title>t</title><p class=a>x<br>y".utf8), options: .noDefaultDoctype)
        let text = String(decoding: try document.serialized(), as: UTF8.self)
        #expect(text.contains("<br>"))
        #expect(!text.contains("<?xml"))
        let again = try XMLDocument(parsingHTML: Array(text.utf8))
        #expect(again.root?.childElements.map(\.name) == ["head", "body"])
    }

    @Test func aNulThatEndsTheParseIsReported() throws {
        // Inside a tag a NUL makes libxml2's HTML parser stop reading; the rest is dropped.
        let stopped = try XMLDocument(parsingHTML: Array("<a hre\u{0}f=1>x</a><p>after</p>".utf8))
        #expect(stopped.parseDiagnostics.contains(XMLDiagnostic.nulByte))
        #expect(stopped.root?.content.contains("after") == false)
        // In text it is replaced and parsing goes on: nothing is dropped, nothing extra said.
        let replaced = try XMLDocument(parsingHTML: Array("<p>a\u{0}b</p><i>after</i>".utf8))
        #expect(!replaced.parseDiagnostics.contains(XMLDiagnostic.nulByte))
        #expect(replaced.root?.content.contains("after") == true)
    }

    @Test func neverLoadsExternalEntities() throws {
        let document = try XMLDocument(parsingHTML: Array("<!DOCTYPE html SYSTEM \"file:///etc/passwd\"><p>&x;</p>".utf8))
        #expect(document.root?.content.contains("root:") != true)
    }
}

@Suite struct HTMLPushParsing {
    // No script or style element: libxml2 2.9's push parser can end their text early when a
    // chunk boundary falls inside it (see HTMLPushParser).
    static let page = "<!DOCTYPE html><html><head><title>t</title></head><body><p class=a>one<b>two</p>"
        + "three</b><br><table><tr><td>1<td>2</table><!-- c -->a &amp; b &lt; c<?pi x?>caf\u{E9}</body></html>"

    @Test(arguments: [1, 2, 3, 7, 64, 10_000])
    func chunksBuildTheTreeTheWholeDocumentDoes(chunkSize: Int) throws {
        let bytes = Array(Self.page.utf8)
        let parser = try HTMLPushParser(options: .noDefaultDoctype)
        for start in stride(from: 0, to: bytes.count, by: chunkSize) {
            try parser.feed(bytes[start..<min(start + chunkSize, bytes.count)])
        }
        let pushed = try parser.finish()
        #expect(pushed.isHTML)
        let pulled = try XMLDocument(parsingHTML: bytes, options: .noDefaultDoctype)
        #expect(try pushed.serialized() == pulled.serialized())
        #expect(!pushed.parseDiagnostics.isEmpty)  // the misnested <b>
    }

    @Test(arguments: ["", "  \n", " <"], [HTMLParseOptions(), .noDefaultDoctype])
    func nearlyEmptyInputGivesTheOneCallParsersDocument(text: String, options: HTMLParseOptions) throws {
        let parser = try HTMLPushParser(options: options)
        try parser.feed(Array(text.utf8))
        let document = try parser.finish()
        #expect(document.isHTML)
        #expect(try document.serialized() == XMLDocument(parsingHTML: Array(text.utf8), options: options).serialized())
    }

    @Test func diagnosticsAcrossFeedsAreBounded() throws {
        let parser = try HTMLPushParser()
        for _ in 0..<1_000 {
            try parser.feed(Array("<p><x:y></q>&bogus".utf8))
        }
        let document = try parser.finish()
        #expect(document.parseDiagnostics.count == 100)
        #expect(document.parseDiagnostics.allSatisfy { !$0.message.isEmpty && $0.message.last?.isNewline == false })
    }

    @Test func aFinishedParserTakesNothingMore() throws {
        let parser = try HTMLPushParser()
        try parser.feed(Array("<p>x".utf8))
        _ = try parser.finish()
        let finished = XMLError.Kind.invalidArgument("the HTML push parser has finished")
        #expect((#expect(throws: XMLError.self) { try parser.feed(Array("<p>y".utf8)) })?.kind == finished)
        #expect((#expect(throws: XMLError.self) { try parser.finish() })?.kind == finished)
    }

    @Test func anAbandonedParserFreesItsTree() throws {
        // Under ASan (LeakSanitizer) a leak here fails the job.
        let parser = try HTMLPushParser()
        try parser.feed(Array("<html><body><p>never finished".utf8))
    }
}

@Suite struct CompiledXPath {
    @Test func compiledOnceEvaluatesAcrossDocuments() throws {
        let expression = try XPathExpression("count(//b:book)")
        let first = try parse(catalog), second = try parse("<catalog xmlns=\"urn:books\"><book/></catalog>")
        guard case .number(let a) = try expression.evaluate(in: first, namespaces: ["b": "urn:books"]),
              case .number(let b) = try expression.evaluate(in: second, namespaces: ["b": "urn:books"])
        else { Issue.record("expected numbers"); return }
        #expect(a == 2 && b == 1)
    }

    @Test func invalidExpressionsFailToCompile() {
        let error = #expect(throws: XMLError.self) { try XPathExpression("//[") }
        #expect(error?.kind == .xpath)
        #expect((#expect(throws: XMLError.self) { try XPathExpression("a|") })?.code == .xpathSyntax)
        #expect((#expect(throws: XMLError.self) { try XPathExpression("a\u{0}") })?.kind == .invalidArgument("XPath expression contains a NUL byte"))
    }

    @Test func evaluationErrorsAreTyped() throws {
        let expression = try XPathExpression("//nope:a")
        #expect((#expect(throws: XMLError.self) { try expression.evaluate(in: try parse("<a/>")) })?.code == .xpathUndefinedPrefix)
    }
}

@Suite struct Canonicalization {
    @Test func normalizesAttributesAndEmptyElements() throws {
        let document = try parse("<r b=\"2\"   a='1'><e/><!--c--></r>")
        #expect(String(decoding: try document.canonicalized(), as: UTF8.self) == "<r a=\"1\" b=\"2\"><e></e></r>")
        #expect(String(decoding: try document.canonicalized(withComments: true), as: UTF8.self) == "<r a=\"1\" b=\"2\"><e></e><!--c--></r>")
    }

    @Test func exclusiveFormDropsUnusedNamespaces() throws {
        let document = try parse("<r xmlns:u=\"urn:unused\" xmlns:p=\"urn:p\"><p:x/></r>")
        let exclusive = String(decoding: try document.canonicalized(.exclusive10), as: UTF8.self)
        #expect(!exclusive.contains("urn:unused"))
        #expect(exclusive.contains("urn:p"))
    }

    @Test func refusesRelativeNamespaceURIs() throws {
        let document = try parse("<r xmlns:p=\"relative/uri\"><p:x/></r>")
        let error = #expect(throws: XMLError.self) { try document.canonicalized() }
        #expect(error?.kind == .serialization)
    }
}

@Suite struct AmplificationAndEncodings {
    /// One entity of `size` bytes referenced `count` times.
    func quadratic(size: Int, count: Int) -> [UInt8] {
        Array(("<!DOCTYPE r [<!ENTITY a \"" + String(repeating: "x", count: size) + "\">]><r>"
            + String(repeating: "&a;", count: count) + "</r>").utf8)
    }

    @Test func quadraticBlowupIsRefusedBeforeAnyTextIsRead() {
        // 200 KB of input that one content read would expand to 2.5 GB.
        for options in [XMLParseOptions(), .recover] {
            let error = #expect(throws: XMLError.self) { try XMLDocument(parsing: quadratic(size: 50_000, count: 50_000), options: options) }
            guard case .limitExceeded? = error?.kind else { Issue.record("expected .limitExceeded, got \(String(describing: error))"); continue }
        }
    }

    @Test func nestedAmplificationIsCounted() {
        let inner = String(repeating: "y", count: 10_000)
        let text = "<!DOCTYPE r [<!ENTITY b \"\(inner)\"><!ENTITY a \"" + String(repeating: "&b;", count: 9) + "\">]><r>"
            + String(repeating: "&a;", count: 5_000) + "</r>"
        let error = #expect(throws: XMLError.self) { try parse(text) }
        guard case .limitExceeded(let what)? = error?.kind else { Issue.record("expected .limitExceeded, got \(String(describing: error))"); return }
        #expect(what.hasPrefix("entity references would expand to more than"))
    }

    @Test func modestEntityUseStillParses() throws {
        let document = try XMLDocument(parsing: quadratic(size: 100, count: 1_000))
        #expect(document.root?.content.count == 100_000)
    }

    @Test func hugeAttributeValuesAreRefusedOrBounded() {
        // Over libxml2's 10 MB text limit without the huge option.
        let value = String(repeating: "v", count: 11_000_000)
        #expect((#expect(throws: XMLError.self) { try parse("<r a=\"\(value)\"/>") })?.code == .attributeNotFinished)
    }

    @Test func utf16WithByteOrderMarkParses() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "<r>é</r>".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let document = try XMLDocument(parsing: bytes)
        #expect(document.root?.content == "é")
    }

    @Test func mismatchedDeclaredEncodingIsAnErrorOrRepaired() throws {
        // Declared UTF-8, actually Latin-1: the byte 0xE9 is not UTF-8.
        let bytes = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><r>caf".utf8) + [0xE9] + Array("</r>".utf8)
        let error = #expect(throws: XMLError.self) { try XMLDocument(parsing: bytes) }
        #expect(error?.kind == .parse)
        #expect(error?.code == .invalidCharacter)
    }

    @Test func unknownDeclaredEncodingIsATypedError() {
        let error = #expect(throws: XMLError.self) { try parse("<?xml version=\"1.0\" encoding=\"no-such-encoding\"?><r/>") }
        #expect(error?.kind == .parse)
    }
}

@Suite struct SchemaValidation {
    static let xsd = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:element name="order">
            <xs:complexType>
              <xs:sequence><xs:element name="qty" type="xs:positiveInteger" maxOccurs="unbounded"/></xs:sequence>
              <xs:attribute name="id" type="xs:string" use="required"/>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """
    static let rng = """
        <element name="order" xmlns="http://relaxng.org/ns/structure/1.0" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
          <attribute name="id"/><oneOrMore><element name="qty"><data type="positiveInteger"/></element></oneOrMore>
        </element>
        """

    /// libxml2 2.9.14 segfaults on the first (174,680 frames deep, on any stack) and never
    /// returns from the second; a nested choice first is compiled fine and stays accepted.
    @Test(arguments: [
        "<choice><name>n1</name><choice><name>n0</name><name>r</name></choice></choice>",
        "<choice><choice><name>a</name><name>b</name></choice><choice><name>c</name><name>d</name></choice></choice>",
        "<anyName><except><choice><nsName ns='x'/><choice><name>a</name><name>b</name></choice></choice></except></anyName>",
    ])
    func relaxNGNameClassesLibxml2RecursesOnAreRefused(nameClass: String) {
        let schema = "<element xmlns=\"http://relaxng.org/ns/structure/1.0\">\(nameClass)<empty/></element>"
        let error = #expect(throws: XMLError.self) { try XMLSchema(parsing: Array(schema.utf8), language: .relaxNG) }
        #expect(error?.kind == .invalidArgument("the RELAX NG name class at line 1 has a choice after its first name, which libxml2 2.9 recurses on without end; list its names in one choice"))
    }

    @Test func aRelaxNGNameClassWithItsNestedChoiceFirstCompiles() throws {
        let schema = "<element xmlns=\"http://relaxng.org/ns/structure/1.0\"><choice><choice><name>a</name><name>b</name></choice><name>c</name></choice><empty/></element>"
        let compiled = try XMLSchema(parsing: Array(schema.utf8), language: .relaxNG)
        #expect(try compiled.validate(XMLDocument(parsing: Array("<b/>".utf8))).isValid)
        #expect(try !compiled.validate(XMLDocument(parsing: Array("<d/>".utf8))).isValid)
    }

    @Test(arguments: [(xsd, XMLSchema.Language.xsd), (rng, .relaxNG)])
    func validatesAndCollectsEveryError(schemaText: String, language: XMLSchema.Language) throws {
        let schema = try XMLSchema(parsing: Array(schemaText.utf8), language: language)
        #expect(try schema.validate(parse("<order id=\"7\"><qty>1</qty><qty>2</qty></order>")).isValid)
        let result = try schema.validate(parse("<order><qty>0</qty><qty>x</qty><extra/></order>"))
        #expect(!result.isValid)
        #expect(!result.errors.isEmpty)
        #expect(result.errors.allSatisfy { $0.line > 0 && !$0.message.isEmpty })
    }

    @Test func xsdReportsSeveralErrorsInOneCall() throws {
        let schema = try XMLSchema(parsing: Array(Self.xsd.utf8))
        let result = try schema.validate(parse("<order><qty>0</qty><qty>-1</qty></order>"))
        #expect(result.errors.count >= 3)   // missing id, two invalid integers
    }

    @Test func invalidSchemasAreTypedErrors() {
        let notSchema = #expect(throws: XMLError.self) { try XMLSchema(parsing: Array("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element/></xs:schema>".utf8)) }
        #expect(notSchema?.kind == .parse)
        #expect((#expect(throws: XMLError.self) { try XMLSchema(parsing: Array("<element xmlns=\"http://relaxng.org/ns/structure/1.0\"/>".utf8), language: .relaxNG) })?.code == .relaxNGEmptyElement)
        #expect((#expect(throws: XMLError.self) { try XMLSchema(parsing: Array("not xml".utf8)) })?.code == .documentEmpty)
    }

    @Test func schemasReferringToFilesAreRefused() {
        let include = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:include schemaLocation=\"/etc/passwd\"/></xs:schema>"
        let error = #expect(throws: XMLError.self) { try XMLSchema(parsing: Array(include.utf8)) }
        guard case .invalidArgument? = error?.kind else { Issue.record("expected .invalidArgument"); return }
        let external = "<externalRef href=\"/etc/passwd\" xmlns=\"http://relaxng.org/ns/structure/1.0\"/>"
        #expect((#expect(throws: XMLError.self) { try XMLSchema(parsing: Array(external.utf8), language: .relaxNG) })?.kind == .invalidArgument("the schema refers to another by location (externalRef at line 1); pass it in resources"))
    }
}

@Suite struct StreamingReader {
    func events(_ text: String, options: XMLParseOptions = []) throws(XMLError) -> [XMLReader.Event] {
        let reader = try XMLReader(bytes: Array(text.utf8), options: options)
        var events: [XMLReader.Event] = []
        while let event = try reader.next() { events.append(event) }
        return events
    }

    @Test func readsEventsInDocumentOrder() throws {
        let events = try events("<r xmlns=\"urn:r\"><a x=\"1\">t</a><b/><!--c--></r>")
        #expect(events.map(\.kind) == [.startElement, .startElement, .text, .endElement, .startElement, .comment, .endElement])
        #expect(events.filter { $0.kind == .startElement }.map(\.name) == ["r", "a", "b"])
        #expect(events[0].namespaceURI == "urn:r")
        #expect(events[2].value == "t" && events[2].depth == 2)
        #expect(events[4].isEmptyElement)
    }

    @Test func startElementsCarryTheirAttributes() throws {
        let events = try events("<!DOCTYPE r [<!ENTITY e 'x&amp;y'>]><r xmlns:p=\"urn:p\" a=\"1\" p:b=\"&e;\"><s/></r>")
        let attributes = events.filter { $0.kind == .startElement }.map(\.attributes)
        #expect(attributes == [
            [
                XMLReader.Attribute(name: "p", namespaceURI: "http://www.w3.org/2000/xmlns/", value: "urn:p"),
                XMLReader.Attribute(name: "a", namespaceURI: nil, value: "1"),
                XMLReader.Attribute(name: "b", namespaceURI: "urn:p", value: "x&y"),
            ],
            [],
        ])
    }

    @Test func malformedInputThrowsAndThenEnds() throws {
        let reader = try XMLReader(bytes: Array("<a><b></a>".utf8))
        var error: XMLError?
        do {
            while try reader.next() != nil {}
        } catch let caught {
            error = caught
        }
        #expect(error?.kind == .parse)
        #expect(error?.code == .tagNameMismatch)
        #expect(try reader.next() == nil)
    }

    @Test func largeDocumentsStreamInBoundedSteps() throws {
        let text = "<r>" + String(repeating: "<i>x</i>", count: 200_000) + "</r>"
        let reader = try XMLReader(bytes: Array(text.utf8))
        var elements = 0
        while let event = try reader.next() { if event.kind == .startElement { elements += 1 } }
        #expect(elements == 200_001)
    }

    @Test func neverLoadsExternalEntities() throws {
        let text = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>"
        let values = (try? events(text))?.compactMap(\.value) ?? []
        #expect(!values.joined().contains("root:"))
    }
}

@Test func contentAfterANulByteIsAnError() {
    // libxml2's tree parser alone would return <a/> and drop the rest.
    let error = #expect(throws: XMLError.self) { try XMLDocument(parsing: Array("<a/>".utf8) + [0] + Array("<b>hidden</b>".utf8)) }
    #expect(error?.code == .invalidCharacter)
}

/// What `body` writes to file descriptor 2, whoever writes it (libxml2's default handlers
/// print there).
func standardErrorOutput(_ body: () throws -> Void) throws -> String {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("seam-stderr-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: file) }
    let capture = open(file.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let saved = dup(2)
    guard capture >= 0, saved >= 0 else { throw POSIXError(.EIO) }
    fflush(nil)
    dup2(capture, 2)
    close(capture)
    defer {
        fflush(nil)
        dup2(saved, 2)
        close(saved)
    }
    try body()
    fflush(nil)
    // Through FileHandle: FoundationEssentials' String(contentsOf:) leaks a 4 KiB buffer
    // for an empty file (LeakSanitizer, Swift 6.3.1), and empty is the expected content.
    let handle = try FileHandle(forReadingFrom: file)
    defer { try? handle.close() }
    return String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
}
