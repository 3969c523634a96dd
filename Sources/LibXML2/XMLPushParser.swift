import CLibXML2
import SeamBoundary

/// Parses XML fed in pieces as they arrive (libxml2's push parser), for input read from a
/// socket or a file in blocks: nothing needs the whole document in memory first. With the same
/// options it accepts the documents `XMLDocument(parsing:)` accepts and builds the same tree,
/// with the same safe defaults: no network or file, external documents only from the
/// caller's `XMLResources`, entity expansion and markup bounded.
///
/// Each chunk's markup is checked against `limits` before libxml2 reads it, and entity
/// references may expand to `XMLDocument.maxEntityExpansion(forInputOf:)` of the bytes fed so
/// far. So that the check reads the document as libxml2 does, the push parser takes documents
/// in ASCII-compatible encodings only: one that starts with a UTF-16, UCS-4 or EBCDIC mark,
/// or declares an encoding such as UTF-7, is refused with `.invalidArgument` (parse it whole
/// with `XMLDocument(parsing:)`, which checks every reading).
///
/// Ownership: owns its parser context and the tree until `finish()` hands the tree over as
/// an `XMLDocument`; an abandoned parser frees both. Threading: not Sendable; feed it from one
/// task.
public final class XMLPushParser {
    private let context: xmlParserCtxtPtr
    /// Collects across every call, so a feed costs no collector of its own.
    private let collector: DiagnosticCollector
    /// The parse hook's notes, at an address that stays put for the context's life.
    private let notes: UnsafeMutablePointer<seam_xml_parse_notes>
    private let options: XMLParseOptions
    private let resources: XMLResources
    private var scanner: XMLMarkupScanner
    private var fed = 0
    private var finished = false
    private var failure: XMLError?
    /// The document's first bytes, held back until they show its encoding.
    private var prolog: [UInt8] = []
    private var prologChecked = false
    /// Where the document's doctype header is, and the bytes held back for it.
    private var doctype = DoctypeHeader()
    private var heldBack: [UInt8] = []
    /// Checked bytes not yet handed to libxml2, gathered up to `gatheredChunk`.
    private var gathered: [UInt8] = []
    /// How many times libxml2's push parser was called, for the tests.
    private(set) var libxml2Reads = 0

    /// Pieces are gathered to this size before libxml2 reads them: its push parser looks
    /// again through what it holds of an unfinished token on every call, so a long attribute
    /// value fed a byte at a time was quadratic (1 MB did not finish in a minute, against
    /// 0.15 s in 4 KiB pieces).
    static let gatheredChunk = 4096

    /// Creates a parser; `url` names the document in diagnostics and is the base its
    /// references to `resources` resolve against. Loads count against
    /// `XMLResources.maxLoadedBytes` of the resources' size.
    public init(
        options: XMLParseOptions = [], url: String? = nil, resources: XMLResources = [:], limits: XMLMarkupLimits = .default
    ) throws(XMLError) {
        XMLLibrary.initialize()
        try ExternalLoads.check(options)
        let notes = UnsafeMutablePointer<seam_xml_parse_notes>.allocate(capacity: 1)
        notes.initialize(to: seam_xml_parse_notes(
            unserializable_namespace: nil, expansion: 0,
            max_expansion: UInt64(XMLDocument.maxEntityExpansion(forInputOf: 0)), expansion_exceeded: 0
        ))
        let collector = DiagnosticCollector(loads: resources.isEmpty ? nil : LoadSession(resources, inputBytes: 0))
        let created = collector.collecting { () -> xmlParserCtxtPtr? in
            guard let context = xmlCreatePushParserCtxt(nil, nil, nil, 0, url) else { return nil }
            // With no resources nothing is asked for, whatever the document declares.
            if resources.isEmpty { context.pointee.sax.pointee.resolveEntity = nil }
            _ = xmlCtxtUseOptions(context, options.libxml2Options)
            seam_xml_take_parse_notes(context, notes)
            return context
        }
        Boundary.record("xmlCreatePushParserCtxt", ok: created != nil)
        guard let created else {
            notes.deallocate()
            throw XMLError(kind: .parse, diagnostics: collector.diagnostics)
        }
        self.context = created
        self.collector = collector
        self.notes = notes
        self.options = options
        self.resources = resources
        self.scanner = XMLMarkupScanner(limits: limits, countsNodes: false)
    }

    deinit {
        if let document = context.pointee.myDoc { xmlFreeDoc(document) }
        xmlFreeParserCtxt(context)
        notes.deallocate()
    }

    /// Parses the next piece of the document. Pieces smaller than 4 KiB are gathered first, so
    /// libxml2 reads the document in pieces of at least that size (or at `finish()`), and an
    /// error in a small piece is thrown by the call that completes its 4 KiB or by `finish()`.
    /// Throws `.parse` once the document is not well-formed (unless `.recover`), `.limitExceeded`
    /// when its markup (checked in every piece as it arrives) or entity expansion passes the bounds, `.invalidArgument` after `finish()`, for an encoding the push parser
    /// does not take, or when the document would pass libxml2's 2 GiB `int` sizes. After an
    /// error every later call throws it again.
    public func feed<Bytes: Collection<UInt8>>(_ chunk: Bytes) throws(XMLError) {
        guard !finished else { throw XMLError(kind: .invalidArgument("the XML push parser has finished"), diagnostics: []) }
        if let failure { throw failure }
        try withBorrowedBytes(chunk) { source throws(XMLError) in
            _ = try XMLError.cLength(source.count, after: fed + prolog.count + heldBack.count)
            guard !source.isEmpty else { return }
            if prologChecked {
                try deliver(source, terminate: false)
            } else {
                prolog += source
                if try prologIsComplete() { try releaseProlog(terminate: false) }
            }
        }
    }

    /// Ends the document and returns its tree. Throws as `feed` does, and `.parse` for a
    /// document that ends early.
    public func finish() throws(XMLError) -> XMLDocument {
        guard !finished else { throw XMLError(kind: .invalidArgument("the XML push parser has finished"), diagnostics: []) }
        finished = true
        if let failure { throw failure }
        if !prologChecked { try releaseProlog(terminate: true) } else { try deliver(UnsafeRawBufferPointer(start: nil, count: 0), terminate: true) }
        let wellFormed = context.pointee.wellFormed != 0
        guard let built = context.pointee.myDoc, wellFormed || options.contains(.recover) else {
            throw XMLError(kind: .parse, diagnostics: collector.diagnostics)
        }
        context.pointee.myDoc = nil
        var diagnostics = collector.diagnostics
        var unserializable = notes.pointee.unserializable_namespace.map { String(cString: $0) }
        if options.contains(.processXIncludes) {
            do throws(XMLError) {
                let included = try XMLDocument.processXIncludes(
                    in: built, options: options, resources: resources,
                    inputBytes: fed, weight: fed + Int(clamping: notes.pointee.expansion)
                )
                diagnostics += included.diagnostics
                unserializable = unserializable ?? included.unserializableNamespaceURI
            } catch {
                xmlFreeDoc(built)
                throw error
            }
        }
        return XMLDocument(
            adopting: built, diagnostics: diagnostics,
            unserializableNamespaceURI: unserializable, entityExpansion: Int(clamping: notes.pointee.expansion)
        )
    }

    /// The longest XML declaration the push parser reads: its encoding must be known before
    /// any byte reaches libxml2.
    static let maxDeclarationLength = 512

    /// Whether the held-back bytes show the document's encoding: four bytes without an XML
    /// declaration, or a whole declaration.
    private func prologIsComplete() throws(XMLError) -> Bool {
        let text = prolog.starts(with: [0xEF, 0xBB, 0xBF]) ? prolog.dropFirst(3) : prolog[...]
        let declaration = Array("<?xml".utf8)
        guard text.starts(with: declaration.prefix(text.count)) else { return prolog.count >= 4 }
        if text.count < declaration.count { return false }
        if text.firstRange(of: "?>".utf8) != nil { return true }
        guard prolog.count <= Self.maxDeclarationLength else {
            throw fail(XMLError(kind: .invalidArgument("the XML push parser reads declarations of up to \(Self.maxDeclarationLength) bytes"), diagnostics: []))
        }
        return false
    }

    /// Checks the held-back start of the document for an encoding the scanner cannot read
    /// libxml2's way, then parses it.
    private func releaseProlog(terminate: Bool) throws(XMLError) {
        prologChecked = true
        let start = prolog
        prolog = []
        try withBorrowedBytes(start) { bytes throws(XMLError) in
            let declared = options.contains(.ignoreEncodingDeclaration) ? nil : DocumentReadings.xmlDeclaredEncoding(start)
            if let encoding = DocumentReadings.detectedEncoding(bytes) ?? declared.flatMap({ DocumentReadings.isASCIICompatible($0) ? nil : $0 }) {
                throw fail(XMLError(
                    kind: .invalidArgument("the XML push parser reads ASCII-compatible encodings only, not \(encoding); parse the document whole"),
                    diagnostics: []
                ))
            }
            try deliver(bytes, terminate: terminate)
        }
    }

    /// Passes `source` on to libxml2, but for what the doctype header needs held back.
    ///
    /// libxml2 2.9's push parser takes a doctype header as complete at the first `>` after
    /// `<!DOCTYPE`, even one inside a quoted system or public ID: given the bytes up to there,
    /// it fails a document the one-call parser accepts (found by XMLParse). So from such a
    /// `>` until the header ends, the bytes wait here.
    private func deliver(_ source: UnsafeRawBufferPointer, terminate: Bool) throws(XMLError) {
        if doctype.isSettled && heldBack.isEmpty { return try parse(source, terminate: terminate) }
        let delivered = doctype.scanned - heldBack.count
        doctype.scan(source)
        heldBack += source
        let end = terminate ? doctype.scanned : (doctype.heldFrom ?? doctype.scanned)
        let released = Array(heldBack[..<(end - delivered)])
        heldBack.removeFirst(end - delivered)
        try withBorrowedBytes(released) { bytes throws(XMLError) in try parse(bytes, terminate: terminate) }
    }

    private func parse(_ source: UnsafeRawBufferPointer, terminate: Bool) throws(XMLError) {
        scanner.scan(source)
        if let violation = scanner.violation { throw fail(XMLError(kind: .limitExceeded(violation), diagnostics: [])) }
        fed += source.count
        notes.pointee.max_expansion = UInt64(XMLDocument.maxEntityExpansion(forInputOf: fed))
        if !terminate, gathered.count + source.count < Self.gatheredChunk {
            gathered += source
            return
        }
        if gathered.isEmpty { return try push(source, terminate: terminate) }
        gathered += source
        let whole = gathered
        gathered = []
        try withBorrowedBytes(whole) { bytes throws(XMLError) in try push(bytes, terminate: terminate) }
    }

    private func push(_ source: UnsafeRawBufferPointer, terminate: Bool) throws(XMLError) {
        libxml2Reads += 1
        // Safety: `char` has UInt8's size and alignment; libxml2 only reads the bytes.
        let bytes = source.baseAddress?.assumingMemoryBound(to: CChar.self)
        let status = collector.collecting { xmlParseChunk(context, bytes, Int32(source.count), terminate ? 1 : 0) }
        Boundary.record("xmlParseChunk", ok: status == 0)
        if let loads = collector.loads, loads.exceeded { throw fail(loads.exceededError) }
        if notes.pointee.expansion_exceeded != 0 {
            throw fail(XMLError(
                kind: .limitExceeded("entity references would expand to more than \(notes.pointee.max_expansion) bytes"),
                diagnostics: collector.diagnostics
            ))
        }
        // Input its declared encoding cannot convert halts libxml2's push parser with only a
        // status (well-formed so far); it fails the one-call parse: an error, unless recovering.
        if context.pointee.wellFormed == 0 || status != 0 || seam_xml_input_failed(context) != 0, !options.contains(.recover) {
            throw fail(XMLError(kind: .parse, diagnostics: collector.diagnostics))
        }
    }

    /// Records `error` as the parser's end: every later call throws it.
    private func fail(_ error: XMLError) -> XMLError {
        failure = error
        return error
    }
}

/// Follows a document's prolog far enough to know whether libxml2's push parser may be
/// given a byte: up to the end of the doctype header, or the root element's start tag.
struct DoctypeHeader {
    private enum State {
        /// Before the doctype, `matched` bytes into `<!DOCTYPE`.
        case prolog(matched: Int)
        /// In the header, inside a literal opened by `quote` or not.
        case header(quote: UInt8?)
        case settled
    }

    private static let keyword = Array("<!DOCTYPE".utf8)
    private var state = State.prolog(matched: 0)
    /// The bytes scanned.
    private(set) var scanned = 0
    /// The offset of the first `>` inside a literal of the header, from which bytes are held
    /// until the header ends.
    private(set) var heldFrom: Int?

    var isSettled: Bool {
        if case .settled = state { return true }
        return false
    }

    mutating func scan(_ bytes: UnsafeRawBufferPointer) {
        defer { scanned += bytes.count }
        for (offset, byte) in bytes.enumerated() {
            switch state {
            case .settled:
                return
            case .prolog(let matched):
                if byte == Self.keyword[matched] {
                    state = matched + 1 == Self.keyword.count ? .header(quote: nil) : .prolog(matched: matched + 1)
                } else if matched == 1, byte != UInt8(ascii: "!"), byte != UInt8(ascii: "?") {
                    state = .settled  // a start tag: no doctype follows
                } else {
                    state = .prolog(matched: byte == UInt8(ascii: "<") ? 1 : 0)
                }
            case .header(let quote?):
                if byte == quote {
                    state = .header(quote: nil)
                } else if byte == UInt8(ascii: ">"), heldFrom == nil {
                    heldFrom = scanned + offset
                }
            case .header(nil):
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    state = .header(quote: byte)
                } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: ">") {
                    state = .settled
                    heldFrom = nil
                }
            }
        }
    }
}
