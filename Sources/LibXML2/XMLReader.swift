import CLibXML2
import SeamBoundary

/// A streaming, forward-only reader (libxml2's xmlTextReader): one event at a time.
///
/// Memory: a copy of the input, plus the nodes libxml2 holds at once: those on the path to
/// the current node, and the run of nodes it builds ahead, which is everything up to the next
/// tag (libxml2 2.9 parses on until it meets one, so 600,000 comments in a row were 110 MiB).
/// The wrapper bounds that run by `XMLMarkupLimits.nodesBetweenTags`.
///
/// Ownership: owns the reader and a copy of the input, which libxml2 reads in place; both
/// are freed with it. Threading: not Sendable. Safety: the same options and limits as
/// `XMLDocument(parsing:)`: no network or file, external documents only from the caller's
/// `XMLResources`, no huge mode.
public final class XMLReader {
    /// What the reader stopped at.
    public enum Kind: Hashable, Sendable {
        case startElement, endElement, text, cdata, entityReference, processingInstruction
        case comment, documentType, whitespace, significantWhitespace, other(Int)
    }

    /// One step of the document.
    public struct Event: Hashable, Sendable {
        public let kind: Kind
        /// The local name (element, processing instruction, entity reference), or "".
        public let name: String
        public let namespaceURI: String?
        /// Nesting depth: 0 for the document element.
        public let depth: Int
        /// The text of a text, CDATA, comment or processing instruction, else nil.
        public let value: String?
        /// True for `<a/>`, which produces no `.endElement`.
        public let isEmptyElement: Bool
        /// A start element's attributes in document order, its namespace declarations
        /// included (namespace URI `http://www.w3.org/2000/xmlns/`); empty for other events.
        public let attributes: [Attribute]
    }

    /// One attribute of a start element: its local name, namespace URI and value, entity
    /// references expanded.
    public struct Attribute: Hashable, Sendable {
        public let name: String
        public let namespaceURI: String?
        public let value: String
    }

    private let reader: xmlTextReaderPtr
    private let input: UnsafeMutableRawBufferPointer
    private let loads: LoadSession?
    private var finished = false

    /// Prepares to read `bytes`; `url` and `resources` as in `XMLDocument(parsing:)`. Throws
    /// `.invalidArgument` for input of 2 GiB or more and for `.processXIncludes` (libxml2's
    /// reader includes as it goes, where the copying cannot be bounded first), and
    /// `.limitExceeded` when the markup passes `limits` (checked here, before libxml2 reads it).
    public init<Bytes: Collection<UInt8>>(
        bytes: Bytes, options: XMLParseOptions = [], url: String? = nil, resources: XMLResources = [:],
        limits: XMLMarkupLimits = .default
    ) throws(XMLError) {
        XMLLibrary.initialize()
        try ExternalLoads.check(options)
        guard !options.contains(.processXIncludes) else {
            throw XMLError(kind: .invalidArgument("the reader does not process XIncludes; parse the document whole"), diagnostics: [])
        }
        let length = try XMLError.cLength(bytes.count)
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        // The reader keeps the document while it reads; one contiguous copy, not an
        // element-by-element one through the unspecialized generic `bytes`.
        withBorrowedBytes(bytes) { input.copyMemory(from: $0) }
        do throws(XMLError) {
            try limits.checkXML(UnsafeRawBufferPointer(rebasing: input[..<bytes.count]), options: options, countsNodes: true)
        } catch {
            input.deallocate()
            throw error
        }
        let loads = resources.isEmpty ? nil : LoadSession(resources, inputBytes: bytes.count)
        let (created, diagnostics) = DiagnosticCollector.collect(loads: loads) { () -> xmlTextReaderPtr? in
            // Safety: `char` has UInt8's size and alignment; libxml2 only reads the bytes.
            xmlReaderForMemory(input.baseAddress!.assumingMemoryBound(to: CChar.self), length, url, nil, options.libxml2Options)
        }
        guard let created else {
            input.deallocate()
            throw XMLError(kind: .parse, diagnostics: diagnostics)
        }
        self.reader = created
        self.input = input
        self.loads = loads
    }

    deinit {
        xmlFreeTextReader(reader)
        input.deallocate()
    }

    /// The next event, or nil at the end of the document. Throws `.parse` with libxml2's
    /// diagnostics at the first error, `.limitExceeded` once its loads pass
    /// `XMLResources.maxLoadedBytes`; the reader is finished after that.
    public func next() throws(XMLError) -> Event? {
        guard !finished else { return nil }
        let (status, diagnostics) = DiagnosticCollector.collect(loads: loads) { xmlTextReaderRead(reader) }
        Boundary.record("xmlTextReaderRead", ok: status >= 0)
        if let loads, loads.exceeded {
            finished = true
            throw loads.exceededError
        }
        guard status == 1 else {
            finished = true
            if status < 0 || diagnostics.contains(where: { $0.level >= .error }) {
                throw XMLError(kind: .parse, diagnostics: diagnostics)
            }
            return nil
        }
        let kind = Self.kind(xmlTextReaderNodeType(reader))
        return Event(
            kind: kind,
            name: xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? "",
            namespaceURI: xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) },
            depth: Int(xmlTextReaderDepth(reader)),
            value: xmlTextReaderHasValue(reader) == 1 ? xmlTextReaderConstValue(reader).map { String(cString: $0) } : nil,
            isEmptyElement: xmlTextReaderIsEmptyElement(reader) == 1,
            attributes: kind == .startElement ? attributes() : []
        )
    }

    /// The current element's attributes, leaving the reader on the element.
    private func attributes() -> [Attribute] {
        guard xmlTextReaderHasAttributes(reader) == 1 else { return [] }
        var attributes: [Attribute] = []
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            attributes.append(Attribute(
                name: xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? "",
                namespaceURI: xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) },
                value: xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
            ))
        }
        _ = xmlTextReaderMoveToElement(reader)
        return attributes
    }

    private static func kind(_ type: Int32) -> Kind {
        switch UInt32(bitPattern: type) {
        case XML_READER_TYPE_ELEMENT.rawValue: .startElement
        case XML_READER_TYPE_END_ELEMENT.rawValue: .endElement
        case XML_READER_TYPE_TEXT.rawValue: .text
        case XML_READER_TYPE_CDATA.rawValue: .cdata
        case XML_READER_TYPE_ENTITY_REFERENCE.rawValue: .entityReference
        case XML_READER_TYPE_PROCESSING_INSTRUCTION.rawValue: .processingInstruction
        case XML_READER_TYPE_COMMENT.rawValue: .comment
        case XML_READER_TYPE_DOCUMENT_TYPE.rawValue: .documentType
        case XML_READER_TYPE_WHITESPACE.rawValue: .whitespace
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue: .significantWhitespace
        default: .other(Int(type))
        }
    }
}
