import CLibXML2
import SeamBoundary

/// Parses HTML fed in pieces as they arrive (libxml2's HTML push parser), for input read from
/// a socket or a file in blocks: nothing needs the whole document in memory first. With the
/// same options it builds the tree the one-call parser (`XMLDocument(parsingHTML:)`) builds
/// from well-formed HTML. From malformed input libxml2 2.9's two parsers can recover
/// differently (a NUL inside a tag, a tag cut off at the end, bytes that are not UTF-8), and
/// its push parser can end a script or style element's text early when a chunk boundary
/// falls inside it.
///
/// Each chunk's markup is checked against `limits` before libxml2 reads it, and against what
/// libxml2 2.9's push parser reads ahead: before each tag it looks for the `>` that ends it,
/// so many tags ended otherwise (by a NUL, or `</` and `<?` without a name) before a `>` cost
/// it quadratic time; a document that makes it read ahead more than 16 times its length is
/// refused (`XMLDocument(parsingHTML:)` reads such documents in one pass). So that the
/// check reads the document as libxml2 does, a `meta` charset naming an encoding that is not
/// ASCII-compatible (UTF-7, UTF-16, EBCDIC, ...) is ignored, as HTML5 ignores UTF-7 and reads
/// a declared UTF-16 as UTF-8; `XMLDocument(parsingHTML:)` checks every reading instead.
///
/// Ownership: owns its parser context and the tree until `finish()` hands the tree over as
/// an `XMLDocument`; an abandoned parser frees both. Threading: not Sendable; feed it from one
/// task.
public final class HTMLPushParser {
    private let context: htmlParserCtxtPtr
    /// Collects across every call, so a feed costs no collector of its own.
    private let collector: DiagnosticCollector
    private var fed = 0
    private var finished = false
    private let options: HTMLParseOptions
    private let url: String?
    private var scanner: HTMLMarkupScanner
    private var ignoresEncoding: Bool

    /// Creates a parser; `url` only names the document in diagnostics and as its base.
    public init(options: HTMLParseOptions = [], url: String? = nil, limits: XMLMarkupLimits = .default) throws(XMLError) {
        let collector = DiagnosticCollector()
        let created = collector.collecting { () -> htmlParserCtxtPtr? in
            guard let context = htmlCreatePushParserCtxt(nil, nil, nil, 0, url, XML_CHAR_ENCODING_NONE) else { return nil }
            context.pointee.sax.pointee.resolveEntity = nil
            _ = htmlCtxtUseOptions(context, options.libxml2Options)
            return context
        }
        Boundary.record("htmlCreatePushParserCtxt", ok: created != nil)
        guard let created else { throw XMLError(kind: .parse, diagnostics: collector.diagnostics) }
        context = created
        self.collector = collector
        self.options = options
        self.url = url
        self.scanner = HTMLMarkupScanner(limits: limits, boundsPushLookahead: true)
        self.ignoresEncoding = options.contains(.ignoreEncodingDeclaration)
    }

    deinit {
        if let document = context.pointee.myDoc { xmlFreeDoc(document) }
        htmlFreeParserCtxt(context)
    }

    /// Parses the next piece of the document. Problems in the HTML are not errors (the
    /// parser recovers, as browsers do); they are in the finished document's
    /// `parseDiagnostics`. Throws `.invalidArgument` after `finish()`, or when the document
    /// would pass libxml2's 2 GiB `int` sizes, and `.limitExceeded` when the markup passes the
    /// parser's limits; the chunk is not parsed then.
    public func feed<Bytes: Collection<UInt8>>(_ chunk: Bytes) throws(XMLError) {
        guard !finished else { throw XMLError(kind: .invalidArgument("the HTML push parser has finished"), diagnostics: []) }
        let failure = withBorrowedBytes(chunk) { source -> XMLError? in
            let length: Int32
            do throws(XMLError) { length = try XMLError.cLength(source.count, after: fed) } catch { return error }
            guard let base = source.baseAddress, !source.isEmpty else { return nil }
            scanner.scan(source)
            if let violation = scanner.violation { return XMLError(kind: .limitExceeded(violation), diagnostics: []) }
            if !ignoresEncoding, scanner.declaredCharsets.contains(where: { !DocumentReadings.isASCIICompatible($0) }) {
                ignoresEncoding = true
                _ = htmlCtxtUseOptions(context, (options.union(.ignoreEncodingDeclaration)).libxml2Options)
            }
            fed += source.count
            // Safety: `char` has UInt8's size and alignment; libxml2 only reads the bytes.
            parse(base.assumingMemoryBound(to: CChar.self), length, terminate: false)
            return nil
        }
        if let failure { throw failure }
    }

    /// Ends the document and returns its tree.
    public func finish() throws(XMLError) -> XMLDocument {
        guard !finished else { throw XMLError(kind: .invalidArgument("the HTML push parser has finished"), diagnostics: []) }
        finished = true
        parse(nil, 0, terminate: true)
        guard let built = context.pointee.myDoc else {
            // Nothing but white space came: the push parser never starts a document, where
            // the one-call parser builds an empty one (with its default doctype).
            return try XMLDocument(parsingHTML: [UInt8](), options: options, url: url)
        }
        context.pointee.myDoc = nil
        return XMLDocument(adopting: built, diagnostics: collector.diagnostics)
    }

    private func parse(_ bytes: UnsafePointer<CChar>?, _ count: Int32, terminate: Bool) {
        let status = collector.collecting { htmlParseChunk(context, bytes, count, terminate ? 1 : 0) }
        Boundary.record("htmlParseChunk", ok: status == 0)
    }
}
