import Foundation
@testable import LibXML2
import Synchronization
import Testing

/// The limit message a call threw, or nil when it threw something else or nothing.
private func limitMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as XMLError {
        guard case .limitExceeded(let message) = error.kind else { return "not a limit: \(error)" }
        return message
    } catch {
        return "not an XMLError: \(error)"
    }
}

private func number(_ result: XPathResult?) -> Double? {
    if case .number(let value)? = result { return value }
    return nil
}

private func string(_ result: XPathResult) -> String? {
    if case .string(let value) = result { return value }
    return nil
}

private func attributes(_ count: Int, quote: String = "'") -> String {
    (0..<count).map { " a\($0)=\(quote)1\(quote)" }.joined()
}

private let attributeLimit = "an element has more than 256 attributes (XMLMarkupLimits.attributesPerElement)"
private let namespaceLimit = "more than 256 namespace declarations in scope (XMLMarkupLimits.namespacesInScope)"

/// libxml2 2.9 checks each attribute against every earlier one of its element: the wrapper
/// counts them first, in every place and encoding libxml2 could read one.
@Suite struct MarkupLimits {
    @Test func attributesUpToTheLimitParse() throws {
        let document = try parse("<a\(attributes(256))/>")
        #expect(document.root?.attributes.count == 256)
        #expect(number(try XMLDocument(parsingHTML: Array("<p\(attributes(256))>".utf8)).evaluate("count(//p/@*)")) == 256)
    }

    @Test func oneAttributeOverTheLimitIsRefusedByEveryParser() throws {
        let xml = Array("<a\(attributes(257))/>".utf8)
        #expect(limitMessage { _ = try XMLDocument(parsing: xml) } == attributeLimit)
        #expect(limitMessage { _ = try XMLReader(bytes: xml) } == attributeLimit)
        #expect(limitMessage { _ = try XMLDocument(parsing: xml, options: .recover) } == attributeLimit)
        let html = Array("<p\(attributes(257, quote: ""))>".utf8)
        #expect(limitMessage { _ = try XMLDocument(parsingHTML: html) } == attributeLimit)
        let parser = try HTMLPushParser()
        #expect(limitMessage { try parser.feed(html.prefix(100)); try parser.feed(html.dropFirst(100)) } == attributeLimit)
    }

    @Test func pushParserRefusesTagsThatMakeItReadAheadQuadratically() throws {
        // Before each tag the push parser looks for its `>` from the `<`: tags that end before
        // it leave every later tag to read on to the same `>`.
        func push(_ text: String) -> String? {
            let bytes = Array(text.utf8)
            return limitMessage {
                let parser = try HTMLPushParser()
                for start in stride(from: 0, to: bytes.count, by: 4096) { try parser.feed(bytes[start..<min(start + 4096, bytes.count)]) }
                _ = try parser.finish()
            }
        }
        let refusal = "libxml2's HTML push parser would read ahead more than 16 times the document's length (many tags ending before the `>` it looks for: at a NUL, or `</` and `<?` without a name)"
        // Each of these, 10,000 times before a `>`, took libxml2 0.07 to 0.7 s (40,000: 1.2 to
        // 9.9 s): a start tag, an attribute, a doctype ended by a NUL; `</` or `<?` without a
        // name; a `>` hidden between quotes from a tag that opened them.
        for construct in ["<a\0", "<a b=\0", "<a/\0", "<a b=\"\0\"", "<!DOCTYPE\0", "</1", "</a\0", "<?1", "<a b='\0>'"] {
            #expect(push("<p>" + String(repeating: construct, count: 10_000) + ">") == refusal, "\(construct.debugDescription)")
        }
        // A few such tags, each followed by a `>`, or no `>` at all (the parser waits for one
        // and `finish()` parses the rest without looking ahead) cost little: accepted.
        #expect(push(String(repeating: "<a\0", count: 300) + ">") == nil)
        #expect(push(String(repeating: "<a\0>", count: 10_000)) == nil)
        #expect(push(String(repeating: "<a\0", count: 10_000)) == nil)
        #expect(push(String(repeating: "<a b='\0'>", count: 10_000)) == nil)
        // The one-call parser reads them in one pass.
        #expect(limitMessage { _ = try XMLDocument(parsingHTML: Array((String(repeating: "<a\0", count: 10_000) + ">").utf8)) } == nil)
    }

    @Test func callersRaiseTheLimit() throws {
        let limits = XMLMarkupLimits(attributesPerElement: 1000)
        #expect(try XMLDocument(parsing: Array("<a\(attributes(600))/>".utf8), limits: limits).root?.attributes.count == 600)
    }

    @Test func attributesHiddenFromAByteScanAreCounted() throws {
        // In an entity's text, written as a character reference; in UTF-16; in UTF-7, where
        // every `<`, `=` and quote is encoded; behind an HTML meta charset of UTF-7.
        let inEntity = "<!DOCTYPE r [<!ENTITY e '&#60;a\(attributes(257, quote: "\""))/>'>]><r>&e;</r>"
        #expect(limitMessage { _ = try parse(inEntity) } == attributeLimit)
        let utf16: [UInt8] = [0xFF, 0xFE] + "<a\(attributes(257))/>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(limitMessage { _ = try XMLDocument(parsing: utf16) } == attributeLimit)
        let utf7 = Array("<?xml version='1.0' encoding='UTF-7'?>+ADw-a".utf8)
            + (0..<257).flatMap { Array(" a\($0)+AD0AJw-1+ACc-".utf8) } + Array("/+AD4-".utf8)
        #expect(limitMessage { _ = try XMLDocument(parsing: utf7) } == attributeLimit)
        let html = Array("<meta charset='UTF-7'><body>+ADw-p".utf8) + (0..<257).flatMap { Array(" a\($0)+AD0-1".utf8) } + Array("+AD4-".utf8)
        #expect(limitMessage { _ = try XMLDocument(parsingHTML: html) } == attributeLimit)
    }

    @Test func htmlValuesHoldingAngleBracketsDoNotEndTheCount() {
        // A quoted value may hold `>` in HTML: the tag goes on after it.
        let html = Array("<p title='>'\(attributes(257, quote: ""))>".utf8)
        #expect(limitMessage { _ = try XMLDocument(parsingHTML: html) } == attributeLimit)
    }

    @Test func htmlNamesLongerThanAHundredBytesAreSeveralAttributes() {
        // htmlParseHTMLName stops at 100 bytes and the parser reads the rest as more names.
        let name = String(repeating: "a", count: 100 * 257)
        #expect(limitMessage { _ = try XMLDocument(parsingHTML: Array("<p \(name)>".utf8)) } == attributeLimit)
    }

    @Test func htmlScriptTextIsNotMarkup() throws {
        let html = "<script>var s = '<p\(attributes(300, quote: ""))>';</script><p>after</p>"
        let document = try XMLDocument(parsingHTML: Array(html.utf8))
        #expect(string(try document.evaluate("string(//p)")) == "after")
    }

    @Test func anEndTagNamingAnotherElementInsideAScriptIsRefused() {
        #expect(limitMessage { _ = try XMLDocument(parsingHTML: Array("<script></scriptx></script>".utf8) ) }?.hasPrefix("a `</script…>` end tag naming another element") == true)
    }

    @Test func namespacesInScopeAreBoundedAndEndTagsInCommentsDoNotLowerThem() throws {
        let declarations = { (level: Int, count: Int) in (0..<count).map { " xmlns:n\(level)x\($0)='u'" }.joined() }
        let fits = "<a\(declarations(0, 128))><b\(declarations(1, 128))/></a>"
        #expect(try parse(fits).root?.name == "a")
        let over = "<a\(declarations(0, 128))><b\(declarations(1, 129))/></a>"
        #expect(limitMessage { _ = try parse(over) } == namespaceLimit)
        let hidden = "<a\(declarations(0, 128))><!-- </a> --><?p </a>?><![CDATA[</a>]]><b\(declarations(1, 129))/></a>"
        #expect(limitMessage { _ = try parse(hidden, options: .recover) } == namespaceLimit)
        // Siblings close their scopes: many elements, each declaring, are fine.
        let siblings = "<r>" + String(repeating: "<e\(declarations(0, 200))/>", count: 50) + "</r>"
        #expect(try parse(siblings).root?.childElements.count == 50)
    }

    @Test func readerRefusesLongRunsOfNodesBetweenTags() throws {
        let fits = "<r>" + String(repeating: "<!--c-->", count: 4096) + "</r>"
        let reader = try XMLReader(bytes: Array(fits.utf8))
        var comments = 0
        while let event = try reader.next() { if event.kind == .comment { comments += 1 } }
        #expect(comments == 4096)
        let over = "<r>" + String(repeating: "<?p?>", count: 4097) + "</r>"
        #expect(limitMessage { _ = try XMLReader(bytes: Array(over.utf8)) }
            == "more than 4096 comments, processing instructions, CDATA sections and text runs between two tags (XMLMarkupLimits.nodesBetweenTags)")
        // The tree parser holds every node anyway: no such limit there.
        #expect(try parse(over).root?.name == "r")
    }
}

@Suite struct XPathDepth {
    private let document = try! parse("<a><a/></a>")

    /// Runs `body` on a thread with a 256 KiB stack, the stack the fuzzers and the hostile
    /// suite give every call.
    func onSmallStack(_ body: @escaping @Sendable () -> Void) {
        final class Body { let run: @Sendable () -> Void; init(_ run: @escaping @Sendable () -> Void) { self.run = run } }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, 256 << 10)
        var thread = pthread_t()
        let started = pthread_create(&thread, &attributes, { context in
            Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, Unmanaged.passRetained(Body(body)).toOpaque())
        precondition(started == 0, "no 256 KiB thread")
        pthread_join(thread, nil)
    }

    @Test func expressionsUpToTheLimitEvaluateOnASmallStack() throws {
        // 128 operators in a chain and 128 nesting levels, on a 256 KiB stack: in the asan job
        // too, against libxml2 built with AddressSanitizer.
        let results = Mutex<[Double?]>([])
        onSmallStack {
            let document = try! parse("<a><a/></a>")
            let chain = number(try? document.evaluate("1" + String(repeating: "+1", count: 128)))
            let nested = String(repeating: "(", count: 128) + "1" + String(repeating: ")", count: 128)
            let compiled = number(try? XPathExpression(nested).evaluate(in: document))
            let evaluated = number(try? document.evaluate(nested))
            results.withLock { $0 = [chain, compiled, evaluated] }
        }
        #expect(results.withLock { $0 } == [129, 1, 1])
    }

    @Test func oneMoreIsRefusedBeforeLibxml2CompilesIt() {
        let over = "1" + String(repeating: "+1", count: 129)
        let message = "XPath expression has 129 operators and nesting levels, over the limit of 128"
        #expect(limitMessage { _ = try document.evaluate(over) } == message)
        #expect(limitMessage { _ = try XPathExpression(over) } == message)
        let words = "1" + String(repeating: " and 1", count: 129)
        #expect(limitMessage { _ = try XPathExpression(words) } == message)
    }

    @Test func operatorsInsideStringLiteralsDoNotCount() throws {
        let literal = "string-length('" + String(repeating: "(+", count: 300) + "')"
        #expect(number(try document.evaluate(literal)) == 600)
    }
}

/// The memchr proof that lets a parse skip the markup scanner must never pass a document the
/// scanner refuses: checked on random markup over the bytes both react to, under small limits
/// where the proof holds often and the scanner refuses often.
@Suite struct MarkupProof {
    /// Pieces of markup the scanner reacts to, glued at random.
    static let pieces = ["<r", "<", " a", "b", "=\"v\"", "='<'", " xmlns:p='u'", " xmlns='u'", "xmlns", ">", "/>", "</r>", "<!--", "-->",
                         "&#60;", "&#x3C;", "<!DOCTYPE r [<!ENTITY e '", "'>]>", "<![CDATA[", "]]>", "<?p ", "?>", " ", "\n"]

    func scannerAccepts(_ document: [UInt8], _ limits: XMLMarkupLimits) -> Bool {
        var scanner = XMLMarkupScanner(limits: limits, countsNodes: false)
        document.withUnsafeBytes { scanner.scan($0) }
        return scanner.violation == nil
    }

    @Test(arguments: [(1, 0), (2, 1), (3, 2), (4, 3)])
    func theProofImpliesTheScannersVerdict(attributes: Int, namespaces: Int) {
        let limits = XMLMarkupLimits(attributesPerElement: attributes, namespacesInScope: namespaces)
        var generator = SplitMix(seed: UInt64(attributes * 31 + namespaces))
        var proven = 0, refused = 0
        for _ in 0..<20_000 {
            let document = Array((0..<Int.random(in: 0...40, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined().utf8)
            let accepts = scannerAccepts(document, limits)
            if !accepts { refused += 1 }
            if document.withUnsafeBytes({ limits.provesXMLWithinLimits($0) }) {
                proven += 1
                #expect(accepts, "proved but refused: \(String(decoding: document, as: UTF8.self))")
            }
        }
        // Both verdicts occur, so the implication was tested, not assumed.
        #expect(proven > 300)
        #expect(refused > 10)
    }

    /// The tightest tags: two bytes an attribute, the gap exactly at the bound and one past it.
    @Test func attributesAtTheEdgeOfTheGap() {
        let limits = XMLMarkupLimits.default
        let atBound = Array(("<r" + String(repeating: " a", count: 255) + ">").utf8)  // 512 bytes after '<'
        #expect(atBound.withUnsafeBytes { limits.provesXMLWithinLimits($0) })
        #expect(scannerAccepts(atBound, limits))
        let past = Array(("<r" + String(repeating: " a", count: 257) + "/>").utf8)
        #expect(!past.withUnsafeBytes { limits.provesXMLWithinLimits($0) })
        #expect(!scannerAccepts(past, limits))
        // Declarations: as many `xmlns` as the limit is proven, one more is left to the scanner.
        let declarations = (0..<256).map { "<x xmlns:n\($0)='u'/>" }.joined()
        let atLimit = Array(("<r>" + declarations + "</r>").utf8)
        #expect(atLimit.withUnsafeBytes { limits.provesXMLWithinLimits($0) })
        let oneMore = Array(("<r>" + declarations + "<x xmlns='v'/></r>").utf8)
        #expect(!oneMore.withUnsafeBytes { limits.provesXMLWithinLimits($0) })
    }
}

/// A small deterministic generator, so the random documents are the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Every length the wrapper hands libxml2 is narrowed to its `int` through one check.
@Suite struct LengthNarrowing {
    @Test func lengthsAreCheckedAtTheIntEdge() throws {
        let max = XMLError.maxDocumentBytes
        #expect(max == Int(Int32.max) - 1)
        #expect(try XMLError.cLength(max) == Int32.max - 1)
        #expect(try XMLError.cLength(0) == 0)
        #expect(throws: XMLError(kind: .invalidArgument("a document of 0 + \(max + 1) bytes is over libxml2's 2 GiB limit"), diagnostics: [])) {
            try XMLError.cLength(max + 1)
        }
        // A push parser's chunk counts with what it was fed before.
        #expect(try XMLError.cLength(1, after: max - 1) == 1)
        #expect(throws: XMLError(kind: .invalidArgument("a document of \(max) + 1 bytes is over libxml2's 2 GiB limit"), diagnostics: [])) {
            try XMLError.cLength(1, after: max)
        }
        #expect(throws: XMLError(kind: .invalidArgument("a document of 2 + \(Int.max) bytes is over libxml2's 2 GiB limit"), diagnostics: [])) {
            try XMLError.cLength(Int.max, after: 2)
        }
        #expect(throws: XMLError(kind: .invalidArgument("a document of 0 + -1 bytes is over libxml2's 2 GiB limit"), diagnostics: [])) {
            try XMLError.cLength(-1)
        }
    }
}
