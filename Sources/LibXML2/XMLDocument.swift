import CLibXML2
import SeamBoundary

/// A parsed XML document.
///
/// Ownership: owns its `xmlDoc` and frees it when the last reference goes; every `XMLNode`
/// taken from it keeps it alive. Threading: not Sendable: libxml2 trees are not safe to share
/// between threads; parse one document per task. Different documents on different threads
/// are fine: each call collects its errors through per-thread handlers.
public final class XMLDocument {
    let pointer: xmlDocPtr

    /// Warnings, and in `.recover` mode errors, that libxml2 reported while parsing.
    public let parseDiagnostics: [XMLDiagnostic]
    /// A namespace URI that libxml2 would serialize unescaped, noted while parsing.
    let unserializableNamespaceURI: String?
    /// The bytes the document's entity references expand to, noted while parsing.
    let entityExpansion: Int
    /// The XPath context every evaluation on this document reuses, made at the first: a new
    /// one registers all of XPath's functions in a fresh hash table, which cost small
    /// evaluations a fifth of their time. `withXPathContext` resets it for each call.
    var xpathContext: xmlXPathContextPtr?

    /// The most bytes all entity references of a document may expand to: 16 MiB plus ten
    /// times the document's size. References stay unexpanded in the tree, but reading text
    /// (`XMLNode.content`, XPath `string()`) expands them: a 200 KB document with 50,000
    /// references to a 50 KB entity would make one `content` call build 2.5 GB.
    public static func maxEntityExpansion(forInputOf count: Int) -> Int {
        16 << 20 + 10 * count
    }

    /// Parses `bytes` with safe defaults (see `XMLParseOptions`). `url` names the document in
    /// diagnostics and is the base its references to `resources` resolve against; the options
    /// that load (`.loadExternalDTD`, `.substituteEntities`, `.processXIncludes`) load from
    /// `resources` only.
    ///
    /// Throws `XMLError` with kind `.parse` and every diagnostic libxml2 reported when the
    /// document is not well-formed or libxml2 could not read all of it (a NUL byte, bytes
    /// its declared encoding cannot convert) (unless `.recover` is given and libxml2 built
    /// a tree), or when XInclude processing fails;
    /// `.limitExceeded` when its entity references would expand past
    /// `maxEntityExpansion(forInputOf:)`, its loads pass `XMLResources.maxLoadedBytes`, its
    /// XIncludes could copy past `maxInclusion(forInputOf:)`, or its markup passes `limits`
    /// (checked before libxml2 reads it); and `.invalidArgument` for input of 2 GiB or more
    /// or an XInclude with an `xpointer`.
    public init<Bytes: Collection<UInt8>>(
        parsing bytes: Bytes,
        options: XMLParseOptions = [],
        url: String? = nil,
        resources: XMLResources = [:],
        limits: XMLMarkupLimits = .default
    ) throws(XMLError) {
        XMLLibrary.initialize()
        try ExternalLoads.check(options)
        let maxExpansion = UInt64(XMLDocument.maxEntityExpansion(forInputOf: bytes.count))
        var notes = seam_xml_parse_notes(unserializable_namespace: nil, expansion: 0, max_expansion: maxExpansion, expansion_exceeded: 0)
        var stoppedAtNul = false
        let loads = resources.isEmpty ? nil : LoadSession(resources, inputBytes: bytes.count)
        let (document, diagnostics) = Self.readMemory(bytes, loads: loads) { base, count -> Result<xmlDocPtr?, XMLError> in
            do throws(XMLError) {
                try limits.checkXML(UnsafeRawBufferPointer(start: base, count: Int(count)), options: options, countsNodes: false)
            } catch {
                return .failure(error)
            }
            guard let context = xmlNewParserCtxt() else { return .success(nil) }
            defer { xmlFreeParserCtxt(context) }
            // With no resources nothing is asked for, whatever the document declares.
            if loads == nil { context.pointee.sax.pointee.resolveEntity = nil }
            seam_xml_take_parse_notes(context, &notes)
            let document = xmlCtxtReadMemory(context, base, count, url, nil, options.libxml2Options)
            Boundary.record("xmlCtxtReadMemory", ok: document != nil)
            if let document, seam_xml_stopped_at_nul(context) != 0 {
                // The tree parser stopped at a NUL and ignored the rest (found by the
                // XMLReader target): an error, as the reader reports it; in recover mode
                // the tree stays and the diagnostic says what was dropped.
                if options.contains(.recover) {
                    stoppedAtNul = true
                } else {
                    xmlFreeDoc(document)
                    return .failure(XMLError(kind: .parse, diagnostics: [XMLDiagnostic.nulByte]))
                }
            }
            if let document, seam_xml_input_failed(context) != 0, !options.contains(.recover) {
                // The parse ended where the input could not be read (its conversion from the
                // declared encoding failed; found by XMLReader): an error, with libxml2's
                // diagnostics, as the reader reports it. In recover mode the tree stays.
                xmlFreeDoc(document)
                return .success(nil)
            }
            return .success(document)
        }
        if notes.expansion_exceeded != 0 {
            if case .success(let document?) = document { xmlFreeDoc(document) }
            throw XMLError(
                kind: .limitExceeded("entity references would expand to more than \(maxExpansion) bytes"),
                diagnostics: diagnostics
            )
        }
        if let loads, loads.exceeded {
            if case .success(let document?) = document { xmlFreeDoc(document) }
            throw loads.exceededError
        }
        let parsed = try Self.unwrap(document, diagnostics)
        var parseDiagnostics = diagnostics
        if stoppedAtNul { parseDiagnostics.append(.nulByte) }
        var unserializable = notes.unserializable_namespace.map { String(cString: $0) }
        if options.contains(.processXIncludes) {
            do throws(XMLError) {
                let included = try Self.processXIncludes(
                    in: parsed, options: options, resources: resources,
                    inputBytes: bytes.count, weight: bytes.count + Int(clamping: notes.expansion)
                )
                parseDiagnostics += included.diagnostics
                unserializable = unserializable ?? included.unserializableNamespaceURI
            } catch {
                xmlFreeDoc(parsed)
                throw error
            }
        }
        self.pointer = parsed
        self.parseDiagnostics = parseDiagnostics
        self.unserializableNamespaceURI = unserializable
        self.entityExpansion = Int(clamping: notes.expansion)
    }

    /// Parses `bytes` as HTML with libxml2's HTML parser, which builds a tree from any
    /// input it can, as browsers do, with the problems it met in `parseDiagnostics`.
    /// The network is never used. Any bytes give a tree (an empty one for empty input);
    /// `.parse` is thrown only if libxml2 cannot allocate one. A NUL byte inside a tag ends
    /// libxml2's reading, and the rest of the input is dropped: `parseDiagnostics` then says
    /// so (a NUL in text is read as a space). Throws `.limitExceeded` when the markup passes
    /// `limits` (checked before libxml2 reads it).
    public init<Bytes: Collection<UInt8>>(
        parsingHTML bytes: Bytes,
        options: HTMLParseOptions = [],
        url: String? = nil,
        limits: XMLMarkupLimits = .default
    ) throws(XMLError) {
        var stoppedAtNul = false
        let (document, diagnostics) = Self.readMemory(bytes) { base, count -> Result<xmlDocPtr?, XMLError> in
            do throws(XMLError) {
                try limits.checkHTML(UnsafeRawBufferPointer(start: base, count: Int(count)), options: options)
            } catch {
                return .failure(error)
            }
            guard let context = htmlNewParserCtxt() else { return .success(nil) }
            defer { htmlFreeParserCtxt(context) }
            context.pointee.sax.pointee.resolveEntity = nil
            let document = htmlCtxtReadMemory(context, base, count, url, nil, options.libxml2Options)
            Boundary.record("htmlCtxtReadMemory", ok: document != nil)
            // A NUL inside a tag ends the HTML parser's reading: the rest of the input is
            // dropped with only a diagnostic about the tag. Say so, as the XML path does.
            stoppedAtNul = document != nil && seam_xml_stopped_at_nul(context) != 0
            return .success(document)
        }
        self.pointer = try Self.unwrap(document, diagnostics)
        var parseDiagnostics = diagnostics
        if stoppedAtNul { parseDiagnostics.append(.nulByte) }
        self.parseDiagnostics = parseDiagnostics
        self.unserializableNamespaceURI = nil
        self.entityExpansion = 0
    }

    /// Takes ownership of a tree a parser built.
    init(adopting pointer: xmlDocPtr, diagnostics: [XMLDiagnostic], unserializableNamespaceURI: String? = nil, entityExpansion: Int = 0) {
        self.pointer = pointer
        self.parseDiagnostics = diagnostics
        self.unserializableNamespaceURI = unserializableNamespaceURI
        self.entityExpansion = entityExpansion
    }

    deinit {
        if let xpathContext { xmlXPathFreeContext(xpathContext) }
        xmlFreeDoc(pointer)
    }

    /// Runs a libxml2 read on `bytes` (never a null pointer, even when empty) inside the
    /// per-call error collection, refusing input over libxml2's 2 GiB `int` sizes first.
    static func readMemory<Bytes: Collection<UInt8>, Value>(
        _ bytes: Bytes,
        loads: LoadSession? = nil,
        _ read: (UnsafePointer<CChar>, Int32) -> Result<Value?, XMLError>
    ) -> (Result<Value?, XMLError>, [XMLDiagnostic]) {
        DiagnosticCollector.collect(loads: loads) {
            withBorrowedBytes(bytes) { source in
                let length: Int32
                do throws(XMLError) { length = try XMLError.cLength(source.count) } catch { return .failure(error) }
                return read(source.cChars, length)
            }
        }
    }

    /// The document a read produced, or the error it amounts to.
    private static func unwrap(_ document: Result<xmlDocPtr?, XMLError>, _ diagnostics: [XMLDiagnostic]) throws(XMLError) -> xmlDocPtr {
        switch document {
        case .failure(let error): throw error
        case .success(nil): throw XMLError(kind: .parse, diagnostics: diagnostics)
        case .success(let document?): return document
        }
    }

    /// True for a document from the HTML parser: it serializes as HTML.
    public var isHTML: Bool {
        pointer.pointee.type == XML_HTML_DOCUMENT_NODE
    }

    /// The document element, if the document has one.
    public var root: XMLNode? {
        xmlDocGetRootElement(pointer).map { XMLNode(document: self, pointer: $0) }
    }

    /// The document node itself: its children are the root element, comments and
    /// processing instructions around it, and the DTD.
    public var node: XMLNode {
        XMLNode(document: self, pointer: Self.rootNode(of: pointer))
    }

    /// The document as UTF-8 bytes, with an XML declaration; `format` indents elements.
    /// HTML documents serialize as HTML.
    ///
    /// Throws `.unserializable` when a namespace declaration's URI holds `<`, `&`, a tab or a
    /// line break: libxml2 2.9 writes namespace URIs unescaped, which would give malformed XML
    /// or a different URI on re-parsing (found by XMLRoundTrip). The output is always
    /// well-formed XML that parses back to the same tree.
    public func serialized(format: Bool = false) throws(XMLError) -> [UInt8] {
        if let uri = unserializableNamespaceURI {
            throw XMLError(kind: .unserializable("namespace URI \(uri.debugDescription) would be written unescaped"), diagnostics: [])
        }
        // libxml2 writes through a 4 KiB buffer straight into the Array: no whole-document
        // intermediate copy (xmlDocDumpMemory builds one, then duplicates it).
        let sink = SerializationSink()
        let (status, diagnostics) = DiagnosticCollector.collect { () -> Int in
            let options = Int32(format ? XML_SAVE_FORMAT.rawValue : 0)
            guard let save = xmlSaveToIO(writeToSink, nil, Unmanaged.passUnretained(sink).toOpaque(), "UTF-8", options) else { return -1 }
            let written = xmlSaveDoc(save, pointer)
            let closed = xmlSaveClose(save)
            Boundary.record("xmlSaveDoc", ok: written >= 0 && closed >= 0)
            return written < 0 || closed < 0 ? -1 : 0
        }
        guard status == 0 else { throw XMLError(kind: .serialization, diagnostics: diagnostics) }
        return withExtendedLifetime(sink) { sink.bytes }
    }
}

extension XMLDocument {
    /// Canonical XML forms (W3C C14N).
    public enum CanonicalForm: Sendable {
        case c14n10, exclusive10, c14n11
    }

    /// The document in canonical form (W3C C14N): attribute order, namespace declarations,
    /// empty elements and character references normalized, for signing and comparison.
    /// Throws `.serialization` with libxml2's diagnostics when it refuses the tree (relative
    /// namespace URIs, for one).
    public func canonicalized(_ form: CanonicalForm = .c14n10, withComments: Bool = false) throws(XMLError) -> [UInt8] {
        let mode: Int32 = switch form {
        case .c14n10: Int32(XML_C14N_1_0.rawValue)
        case .exclusive10: Int32(XML_C14N_EXCLUSIVE_1_0.rawValue)
        case .c14n11: Int32(XML_C14N_1_1.rawValue)
        }
        let (bytes, diagnostics) = DiagnosticCollector.collect { () -> [UInt8]? in
            var memory: UnsafeMutablePointer<xmlChar>?
            let size = xmlC14NDocDumpMemory(pointer, nil, mode, nil, withComments ? 1 : 0, &memory)
            Boundary.record("xmlC14NDocDumpMemory", ok: size >= 0)
            guard size >= 0, let memory else { return size == 0 ? [] : nil }
            defer { seam_xml_free(memory) }
            return Array(UnsafeBufferPointer(start: memory, count: Int(size)))
        }
        guard let bytes else { throw XMLError(kind: .serialization, diagnostics: diagnostics) }
        return bytes
    }

}

/// Collects what libxml2's writer produces; lives for one `serialized` call.
final class SerializationSink {
    var bytes: [UInt8] = []
}

private let writeToSink: xmlOutputWriteCallback = { context, buffer, length in
    guard let context, length >= 0 else { return -1 }
    let sink = Unmanaged<SerializationSink>.fromOpaque(context).takeUnretainedValue()
    if let buffer, length > 0 {
        sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: Int(length)))
    }
    return length
}

extension UnsafeRawBufferPointer {
    /// The bytes as libxml2's `const char *`, never null, even when empty.
    var cChars: UnsafePointer<CChar> {
        let empty: StaticString = ""
        let base = baseAddress ?? UnsafeRawPointer(empty.utf8Start)
        // Safety: libxml2 reads the bytes as `char`, which has UInt8's size and alignment;
        // nothing is bound to UInt8 through this pointer meanwhile.
        return base.assumingMemoryBound(to: CChar.self)
    }
}
