import CLibXML2

/// The value of an XPath expression.
public enum XPathResult {
    case nodes([XMLNode])
    case string(String)
    case number(Double)
    case boolean(Bool)
}

extension XMLDocument {
    /// The default bound on XPath evaluation steps: enough for real queries, small enough that
    /// a hostile expression fails in well under a second.
    public static let defaultXPathOperationLimit = 1_000_000

    /// Evaluates an XPath 1.0 expression against this document.
    ///
    /// - Parameters:
    ///   - expression: the expression; an embedded NUL is an `.invalidArgument` error.
    ///   - namespaces: prefix to URI bindings the expression may use.
    ///   - node: the context node (the document node when nil); must belong to this document.
    ///   - operationLimit: the most evaluation steps libxml2 may take before failing.
    /// - Throws: `XMLError` of kind `.xpath` with libxml2's diagnostics for an invalid
    ///   expression, an unbound prefix or an exceeded limit.
    public func evaluate(
        _ expression: String,
        namespaces: [String: String] = [:],
        at node: XMLNode? = nil,
        operationLimit: Int = defaultXPathOperationLimit
    ) throws(XMLError) -> XPathResult {
        guard !expression.utf8.contains(0) else {
            throw XMLError(kind: .invalidArgument("XPath expression contains a NUL byte"), diagnostics: [])
        }
        for (prefix, uri) in namespaces where prefix.utf8.contains(0) || uri.utf8.contains(0) || prefix.isEmpty {
            throw XMLError(kind: .invalidArgument("namespace binding \(prefix)=\(uri) is empty or contains NUL"), diagnostics: [])
        }
        if let node, node.document !== self || node.pointer == nil {
            throw XMLError(kind: .invalidArgument("context node is not a node of this document"), diagnostics: [])
        }
        let (result, diagnostics) = DiagnosticCollector.collect { () -> XPathResult? in
            guard let context = xmlXPathNewContext(pointer) else { return nil }
            defer { xmlXPathFreeContext(context) }
            context.pointee.opLimit = UInt(max(operationLimit, 1))
            for (prefix, uri) in namespaces {
                guard xmlXPathRegisterNs(context, prefix, uri) == 0 else { return nil }
            }
            if let contextNode = node?.pointer {
                context.pointee.node = contextNode
            }
            guard let object = xmlXPathEvalExpression(expression, context) else { return nil }
            defer { xmlXPathFreeObject(object) }
            return convert(object)
        }
        guard let result else { throw XMLError(kind: .xpath, diagnostics: diagnostics) }
        return result
    }

    private func convert(_ object: xmlXPathObjectPtr) -> XPathResult {
        switch object.pointee.type {
        case XPATH_NODESET:
            guard let set = object.pointee.nodesetval, set.pointee.nodeNr > 0, let table = set.pointee.nodeTab else {
                return .nodes([])
            }
            var nodes: [XMLNode] = []
            nodes.reserveCapacity(Int(set.pointee.nodeNr))
            for index in 0..<Int(set.pointee.nodeNr) {
                guard let node = table[index] else { continue }
                if node.pointee.type == XML_NAMESPACE_DECL {
                    let ns = UnsafeMutableRawPointer(node).assumingMemoryBound(to: xmlNs.self)
                    nodes.append(XMLNode(
                        document: self,
                        namespacePrefix: ns.pointee.prefix.map { String(cString: $0) },
                        uri: ns.pointee.href.map { String(cString: $0) } ?? ""
                    ))
                } else {
                    nodes.append(XMLNode(document: self, pointer: node))
                }
            }
            return .nodes(nodes)
        case XPATH_BOOLEAN:
            return .boolean(object.pointee.boolval != 0)
        case XPATH_NUMBER:
            return .number(object.pointee.floatval)
        case XPATH_STRING:
            return .string(object.pointee.stringval.map { String(cString: $0) } ?? "")
        default:
            guard let text = xmlXPathCastToString(object) else { return .string("") }
            defer { seam_xml_free(text) }
            return .string(String(cString: text))
        }
    }
}
