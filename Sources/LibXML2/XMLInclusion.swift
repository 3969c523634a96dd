import CLibXML2
import SeamBoundary

extension XMLDocument {
    /// The most an XInclude pass may copy into a document, in bytes of the documents it
    /// copies (their entity expansion included): 4 MiB plus ten times the bytes the caller
    /// passed, the document and every resource. A document included twice counts twice.
    public static func maxInclusion(forInputOf count: Int) -> Int {
        4 << 20 + 10 * count
    }

    /// What an XInclude pass added: libxml2's diagnostics, and a namespace URI of an included
    /// document that libxml2 would serialize unescaped.
    struct Inclusion {
        var diagnostics: [XMLDiagnostic] = []
        var unserializableNamespaceURI: String?
    }

    /// Replaces the XInclude elements of `document` (`weight` bytes, expansion included) with
    /// the resources they name.
    ///
    /// libxml2 2.9 copies an included document once per XInclude element that names it, and
    /// an included document's own XIncludes are processed first, so copies multiply along a
    /// chain of inclusions: before processing anything, each resource is parsed as libxml2
    /// would parse it, and the copying is bounded along every chain any resource could head
    /// (a chain never repeats a document: libxml2 refuses recursion). XPointer evaluation has
    /// no bound in libxml2 2.9, so an `xpointer` anywhere is refused. libxml2 2.9 leaks when
    /// text it includes holds a character XML forbids, so where text is included, it must be
    /// UTF-8 (no other `encoding`) and every resource must hold XML characters only.
    static func processXIncludes(
        in document: xmlDocPtr, options: XMLParseOptions, resources: XMLResources, inputBytes: Int, weight: Int
    ) throws(XMLError) -> Inclusion {
        var inclusion = Inclusion()
        // libxml2 fails on a tree without a root element (recovered from nothing), with no
        // diagnostic; there is nothing to include in it.
        guard xmlDocGetRootElement(document) != nil else { return inclusion }
        let found = seam_xml_count_inclusions(Self.rootNode(of: document))
        // With nothing to include, libxml2 still walks the tree, as it does for any caller
        // that asks, and loads nothing: there are no copies to bound.
        if found.includes > 0 {
            inclusion.unserializableNamespaceURI = try boundCopies(found, options: options, resources: resources, inputBytes: inputBytes, weight: weight)
        }
        let loads = LoadSession(resources, inputBytes: inputBytes)
        let flags = options.libxml2Options | Int32(XML_PARSE_NOXINCNODE.rawValue)
        let (status, diagnostics) = DiagnosticCollector.collect(loads: loads) { xmlXIncludeProcessFlags(document, flags) }
        Boundary.record("xmlXIncludeProcessFlags", ok: status >= 0)
        if loads.exceeded { throw loads.exceededError }
        guard status >= 0 else { throw XMLError(kind: .parse, diagnostics: diagnostics) }
        inclusion.diagnostics = diagnostics
        return inclusion
    }

    /// Throws unless the copies `found`'s XIncludes could make along every chain of
    /// `resources` stay within `maxInclusion`; returns a namespace URI in the resources that
    /// makes a tree unserializable, if any.
    private static func boundCopies(
        _ found: seam_xml_inclusions, options: XMLParseOptions, resources: XMLResources, inputBytes: Int, weight: Int
    ) throws(XMLError) -> String? {
        var unserializableNamespaceURI: String?
        guard found.xpointer == 0 else { throw xpointerRefused }
        var includesText = found.text != 0
        guard found.text_encoding == 0 else { throw textEncodingRefused }
        let passed = inputBytes + resources.totalBytes
        let bound = maxInclusion(forInputOf: passed)
        // Each resource as libxml2 parses an included document (with its external DTD), and
        // the XInclude elements in it.
        var resourceWeights: [(weight: Int, includes: Int)] = []
        let resourceOptions = options.subtracting(.processXIncludes).union(.loadExternalDTD)
        for (name, bytes) in resources.documents {
            do throws(XMLError) {
                let parsed = try XMLDocument(parsing: bytes, options: resourceOptions, url: name, resources: resources)
                let inner = seam_xml_count_inclusions(Self.rootNode(of: parsed.pointer))
                guard inner.xpointer == 0 else { throw xpointerRefused }
                guard inner.text_encoding == 0 else { throw textEncodingRefused }
                includesText = includesText || inner.text != 0
                resourceWeights.append((bytes.count + parsed.entityExpansion, inner.includes))
                unserializableNamespaceURI = unserializableNamespaceURI ?? parsed.unserializableNamespaceURI
            } catch {
                switch error.kind {
                case .limitExceeded, .invalidArgument: throw error
                default: resourceWeights.append((bytes.count, 0))  // libxml2 cannot include it as XML either
                }
            }
        }
        if includesText, let name = resources.documents.first(where: { !isXMLText($0.value) })?.key {
            throw XMLError(kind: .invalidArgument("resource \(name.debugDescription) is not UTF-8 text of XML characters, and the document includes text"), diagnostics: [])
        }
        // After n rounds, the most one inclusion can copy along a chain of up to n resources:
        // the resource itself, and what each of its own XIncludes copies one level down.
        var perInclusion = 0
        for _ in 0..<resourceWeights.count {
            perInclusion = resourceWeights.map { resource in
                let (nested, overflow) = resource.includes.multipliedReportingOverflow(by: perInclusion)
                let (total, overflowAgain) = nested.addingReportingOverflow(resource.weight)
                return overflow || overflowAgain ? Int.max : total
            }.max() ?? 0
            if perInclusion > bound { break }
        }
        let (copies, overflow) = found.includes.multipliedReportingOverflow(by: perInclusion)
        guard !overflow, weight <= bound, copies <= bound - weight else {
            throw XMLError(
                kind: .limitExceeded("\(found.includes) XIncludes of these resources could copy more than \(bound) bytes"),
                diagnostics: []
            )
        }
        return unserializableNamespaceURI
    }

    private static var textEncodingRefused: XMLError {
        XMLError(kind: .invalidArgument("an XInclude includes text in an encoding other than UTF-8"), diagnostics: [])
    }

    /// Whether `bytes` are UTF-8 holding only characters XML allows.
    static func isXMLText(_ bytes: [UInt8]) -> Bool {
        guard let text = String(validating: bytes, as: UTF8.self) else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
            default: false
            }
        }
    }

    private static var xpointerRefused: XMLError {
        XMLError(kind: .invalidArgument("an XInclude selects by xpointer, which libxml2 2.9 evaluates without a bound"), diagnostics: [])
    }

    /// The document as the node tree walks start from.
    static func rootNode(of document: xmlDocPtr) -> xmlNodePtr {
        // Safety: libxml2's xmlDoc starts with the same fields as xmlNode (_private, type, name,
        // children, last, parent, next, prev, doc), and the walks read only those and `type`
        // before anything else; libxml2's own tree walkers make the same cast.
        UnsafeMutableRawPointer(document).assumingMemoryBound(to: xmlNode.self)
    }
}
