import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Limits on the markup features that libxml2 2.9 handles in super-linear time or unbounded
/// memory, checked by the wrapper before libxml2 sees a byte of the document.
///
/// libxml2 2.9 checks each attribute of a start tag against every earlier one of the same tag
/// (200,000 attributes on one element take minutes, in the XML and the HTML parsers alike),
/// checks each namespace declaration against every one in scope, and its streaming reader
/// builds every comment, processing instruction and text node between two tags before it
/// hands out the first. None of these has a limit in libxml2, so the wrapper counts them.
/// The counts are upper bounds that read the document the way libxml2 could: an attribute
/// inside a comment or an entity's text counts too, and so does every encoding the document
/// could be read in (its bytes, its byte-order mark, its declared encoding).
public struct XMLMarkupLimits: Hashable, Sendable {
    /// The most attributes, namespace declarations included, one start tag may hold.
    public var attributesPerElement: Int
    /// The most namespace declarations in scope at once (XML only; HTML has none).
    public var namespacesInScope: Int
    /// The most nodes other than elements (comments, processing instructions, CDATA sections,
    /// runs of text) between two tags: what `XMLReader` holds in memory at once.
    public var nodesBetweenTags: Int

    public init(attributesPerElement: Int = 256, namespacesInScope: Int = 256, nodesBetweenTags: Int = 4096) {
        self.attributesPerElement = attributesPerElement
        self.namespacesInScope = namespacesInScope
        self.nodesBetweenTags = nodesBetweenTags
    }

    /// 256 attributes per element, 256 namespace declarations in scope, 4,096 nodes between
    /// two tags: far above what documents hold, far below where libxml2's time grows.
    public static let `default` = XMLMarkupLimits()

    /// Checks a whole XML document; the error names the first limit it passes.
    func checkXML(_ bytes: UnsafeRawBufferPointer, options: XMLParseOptions, countsNodes: Bool) throws(XMLError) {
        if countsNodes || !provesXMLWithinLimits(bytes) {
            var raw = XMLMarkupScanner(limits: self, countsNodes: countsNodes)
            raw.scan(bytes)
            if let violation = raw.violation { throw XMLError(kind: .limitExceeded(violation), diagnostics: []) }
        }
        for reading in DocumentReadings.xml(bytes, ignoringDeclaration: options.contains(.ignoreEncodingDeclaration)) {
            var scanner = XMLMarkupScanner(limits: self, countsNodes: countsNodes)
            reading.withBytes { scanner.scan($0) }
            if let violation = scanner.violation { throw XMLError(kind: .limitExceeded(violation), diagnostics: []) }
        }
    }

    /// True when the raw bytes cannot pass `attributesPerElement` or `namespacesInScope` as
    /// `XMLMarkupScanner` counts them, shown at memchr's speed rather than the scanner's:
    /// - every attribute the scanner counts takes at least two bytes of its tag (a separator
    ///   and the first byte of its name), and a tag, however it starts (`<`, or `&#60;` in a
    ///   DTD literal), ends at the next `<` at the latest; so with at most
    ///   2 × `attributesPerElement` bytes between any two `<`, no tag holds more;
    /// - every namespace declaration the scanner counts is spelled `xmlns`; so with at most
    ///   `namespacesInScope` of those in the document, no more are ever in scope.
    /// When this is false the scanner decides. (It does not bound runs of nodes: the reader
    /// always scans.)
    func provesXMLWithinLimits(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, attributesPerElement >= 1, namespacesInScope >= 0 else { return bytes.isEmpty }
        let end = base + bytes.count
        let maxGap = attributesPerElement.multipliedReportingOverflow(by: 2)
        if !maxGap.overflow {
            var start = base
            while true {
                let found = memchr(start, Int32(UInt8(ascii: "<")), end - start).map { UnsafeRawPointer($0) } ?? end
                if found - start > maxGap.partialValue { return false }
                if found == end { break }
                start = found + 1
            }
        }
        var declarations = 0
        var cursor = base
        while let found = memchr(cursor, Int32(UInt8(ascii: "x")), end - cursor).map({ UnsafeRawPointer($0) }) {
            if end - found >= 5, memcmp(found, "xmlns", 5) == 0 {
                declarations += 1
                if declarations > namespacesInScope { return false }
            }
            cursor = found + 1
        }
        return true
    }

    /// Checks a whole HTML document; the error names the first limit it passes.
    func checkHTML(_ bytes: UnsafeRawBufferPointer, options: HTMLParseOptions) throws(XMLError) {
        var raw = HTMLMarkupScanner(limits: self)
        raw.scan(bytes)
        if let violation = raw.violation { throw XMLError(kind: .limitExceeded(violation), diagnostics: []) }
        let declared = options.contains(.ignoreEncodingDeclaration) ? [] : raw.declaredCharsets
        for reading in DocumentReadings.html(bytes, declaredCharsets: declared) {
            var scanner = HTMLMarkupScanner(limits: self)
            reading.withBytes { scanner.scan($0) }
            if let violation = scanner.violation { throw XMLError(kind: .limitExceeded(violation), diagnostics: []) }
        }
    }
}

/// The ways libxml2 could decode a document, besides its raw bytes: by a byte-order mark or
/// the first characters (UTF-16, UCS-4, EBCDIC), and by a declared encoding that is not
/// ASCII-compatible (UTF-7, ISO-2022-JP, ...). Each is checked; the raw bytes always are.
enum DocumentReadings {
    /// One more reading of the document: its bytes converted to UTF-8 by libxml2's handler.
    struct Reading {
        let converted: [UInt8]
        func withBytes(_ body: (UnsafeRawBufferPointer) -> Void) { converted.withUnsafeBytes(body) }
    }

    /// Readings of an XML document besides its raw bytes: any its start or its declaration
    /// implies.
    static func xml(_ bytes: UnsafeRawBufferPointer, ignoringDeclaration: Bool) -> [Reading] {
        var names: [String] = []
        if let detected = detectedEncoding(bytes) { names.append(detected) }
        if !ignoringDeclaration {
            let start = names.first.flatMap { convert(UnsafeRawBufferPointer(rebasing: bytes.prefix(512)), from: $0) } ?? Array(bytes.prefix(512))
            if let declared = xmlDeclaredEncoding(start), !isASCIICompatible(declared) { names.append(declared) }
        }
        return names.compactMap { name in convert(bytes, from: name).map(Reading.init) }
    }

    /// Readings of an HTML document besides its raw bytes: by a byte-order mark, by each
    /// `meta` charset that is not ASCII-compatible (libxml2 takes the first it knows).
    static func html(_ bytes: UnsafeRawBufferPointer, declaredCharsets: [String]) -> [Reading] {
        var names: [String] = []
        if let detected = detectedEncoding(bytes) { names.append(detected) }
        names += declaredCharsets.filter { !isASCIICompatible($0) }
        return names.compactMap { name in convert(bytes, from: name).map(Reading.init) }
    }

    /// The encoding libxml2 detects from the first four bytes, when it is not UTF-8.
    static func detectedEncoding(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard bytes.count >= 4, let base = bytes.baseAddress else { return nil }
        let detected = xmlDetectCharEncoding(base.assumingMemoryBound(to: UInt8.self), 4)
        switch detected {
        case XML_CHAR_ENCODING_NONE, XML_CHAR_ENCODING_UTF8: return nil
        case XML_CHAR_ENCODING_UTF16LE: return "UTF-16LE"
        case XML_CHAR_ENCODING_UTF16BE: return "UTF-16BE"
        case XML_CHAR_ENCODING_UCS4LE: return "UCS-4LE"
        case XML_CHAR_ENCODING_UCS4BE: return "UCS-4BE"
        case XML_CHAR_ENCODING_EBCDIC: return "EBCDIC"
        default: return String(cString: xmlGetCharEncodingName(detected))
        }
    }

    /// The `encoding` of an XML declaration at the start of `start` (already in ASCII).
    static func xmlDeclaredEncoding(_ start: [UInt8]) -> String? {
        var text = start[...]
        while let first = text.first, first > 0x7F || first == 0 { text = text.dropFirst() }  // a BOM
        guard text.starts(with: "<?xml".utf8), let end = text.firstRange(of: "?>".utf8) else { return nil }
        let declaration = text[..<end.lowerBound]
        guard let key = declaration.firstRange(of: "encoding".utf8) else { return nil }
        var rest = declaration[key.upperBound...].drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard rest.first == UInt8(ascii: "=") else { return nil }
        rest = rest.dropFirst().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let quote = rest.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        let name = rest.dropFirst().prefix { $0 != quote }
        return String(decoding: name, as: UTF8.self)
    }

    /// True for encodings whose bytes below 0x80 are ASCII and never part of another
    /// character: for these the raw reading is the one libxml2 makes of all markup.
    static func isASCIICompatible(_ name: String) -> Bool {
        let lower = name.lowercased().filter { $0 != "-" && $0 != "_" }
        if ["utf8", "usascii", "ascii", "latin1", "l1", "cp1252", "xuserdefined"].contains(lower) { return true }
        return lower.hasPrefix("iso8859") || lower.hasPrefix("windows125") || lower.hasPrefix("cp125")
    }

    /// `bytes` converted to UTF-8 by libxml2's handler for `name`, as far as they convert;
    /// nil when libxml2 has no such handler (and so cannot read the document either).
    /// The conversion reports its own failure (libxml2's "input conversion failed" error):
    /// collected and dropped here, since the parse that follows reports it, and never printed.
    static func convert(_ bytes: UnsafeRawBufferPointer, from name: String) -> [UInt8]? {
        DiagnosticCollector.collect { convertReportingErrors(bytes, from: name) }.0
    }

    private static func convertReportingErrors(_ bytes: UnsafeRawBufferPointer, from name: String) -> [UInt8]? {
        guard let handler = xmlFindCharEncodingHandler(name) else { return nil }
        defer { xmlCharEncCloseFunc(handler) }
        guard let input = xmlBufferCreateSize(max(bytes.count, 1)), let output = xmlBufferCreateSize(max(bytes.count, 64)) else { return nil }
        defer {
            xmlBufferFree(input)
            xmlBufferFree(output)
        }
        var offset = 0
        // xmlBufferAdd takes an int length: add in pieces.
        while offset < bytes.count {
            let count = min(bytes.count - offset, 1 << 30)
            guard xmlBufferAdd(input, bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: xmlChar.self), Int32(count)) == 0 else { return nil }
            offset += count
        }
        // Each call converts what fits the output it grows; an error stops it at the first
        // sequence it cannot convert, where the parser stops too.
        while xmlBufferLength(input) > 0 {
            let left = xmlBufferLength(input)
            _ = xmlCharEncInFunc(handler, output, input)
            if xmlBufferLength(input) == left { break }
        }
        guard let content = xmlBufferContent(output) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(output))))
    }
}
