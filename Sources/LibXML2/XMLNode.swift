import CLibXML2

/// A node of an `XMLDocument`: an element, text, comment, attribute, ... or a namespace
/// node returned by XPath.
///
/// Ownership: holds a strong reference to its document, so the tree it points into lives at
/// least as long as the node. Threading: not Sendable, like its document.
public struct XMLNode {
    /// What kind of node this is, after libxml2's `xmlElementType`.
    public enum Kind: Hashable, Sendable {
        case element, attribute, text, cdata, entityReference, entity, processingInstruction
        case comment, document, documentType, documentFragment, dtd, namespace
        case other(Int)
    }

    private enum Storage {
        case node(xmlNodePtr)
        /// XPath hands out namespace nodes as copies it frees with its result: keep values.
        case namespace(prefix: String?, uri: String)
    }

    /// The document this node belongs to, kept alive by the node.
    public let document: XMLDocument
    private let storage: Storage

    init(document: XMLDocument, pointer: xmlNodePtr) {
        self.document = document
        self.storage = .node(pointer)
    }

    init(document: XMLDocument, namespacePrefix: String?, uri: String) {
        self.document = document
        self.storage = .namespace(prefix: namespacePrefix, uri: uri)
    }

    var pointer: xmlNodePtr? {
        if case .node(let pointer) = storage { return pointer }
        return nil
    }

    public var kind: Kind {
        guard let pointer else { return .namespace }
        switch pointer.pointee.type {
        case XML_ELEMENT_NODE: return .element
        case XML_ATTRIBUTE_NODE: return .attribute
        case XML_TEXT_NODE: return .text
        case XML_CDATA_SECTION_NODE: return .cdata
        case XML_ENTITY_REF_NODE: return .entityReference
        case XML_ENTITY_NODE, XML_ENTITY_DECL: return .entity
        case XML_PI_NODE: return .processingInstruction
        case XML_COMMENT_NODE: return .comment
        case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE: return .document
        case XML_DOCUMENT_TYPE_NODE: return .documentType
        case XML_DOCUMENT_FRAG_NODE: return .documentFragment
        case XML_DTD_NODE: return .dtd
        case XML_NAMESPACE_DECL: return .namespace
        default: return .other(Int(pointer.pointee.type.rawValue))
        }
    }

    /// The local name of an element, attribute, processing instruction or entity reference;
    /// the prefix of a namespace node; "" otherwise.
    public var name: String {
        switch storage {
        case .namespace(let prefix, _):
            return prefix ?? ""
        case .node(let pointer):
            switch kind {
            case .element, .attribute, .processingInstruction, .entityReference, .dtd, .entity:
                return pointer.pointee.name.map { String(cString: $0) } ?? ""
            default:
                return ""
            }
        }
    }

    /// The namespace prefix of an element or attribute.
    public var prefix: String? {
        guard hasNamespaceField, let ns = pointer?.pointee.ns, let prefix = ns.pointee.prefix else { return nil }
        return String(cString: prefix)
    }

    /// The namespace URI of an element or attribute, or of a namespace node.
    public var namespaceURI: String? {
        if case .namespace(_, let uri) = storage { return uri }
        guard hasNamespaceField, let ns = pointer?.pointee.ns, let href = ns.pointee.href else { return nil }
        return String(cString: href)
    }

    /// Elements and attributes share the layout that holds `ns`; other node structs do not.
    private var hasNamespaceField: Bool {
        kind == .element || kind == .attribute
    }

    /// The text content: all descendant text for an element or document, the value of an
    /// attribute, the text of a text, comment or processing instruction node.
    public var content: String {
        switch storage {
        case .namespace(_, let uri):
            return uri
        case .node(let pointer):
            guard let text = xmlNodeGetContent(pointer) else { return "" }
            defer { seam_xml_free(text) }
            return String(cString: text)
        }
    }

    /// The child nodes, in document order. Attributes are not children, and an entity
    /// reference has none: libxml2 points it at the shared declaration instead.
    public var children: [XMLNode] {
        var result: [XMLNode] = []
        var child = firstChild
        while let node = child {
            result.append(node)
            child = node.nextSibling
        }
        return result
    }

    /// The first of `children`, found without building the array.
    public var firstChild: XMLNode? {
        guard let pointer else { return nil }
        switch kind {
        case .element, .document, .documentFragment, .attribute, .dtd, .entity:
            return pointer.pointee.children.map { XMLNode(document: document, pointer: $0) }
        default:
            return nil
        }
    }

    /// The node after this one among its parent's children (or its element's attributes),
    /// or nil for the last one, the document node and namespace nodes. With `firstChild`, a
    /// tree walk that allocates nothing.
    public var nextSibling: XMLNode? {
        guard let pointer, kind != .document, let next = pointer.pointee.next else { return nil }
        return XMLNode(document: document, pointer: next)
    }

    /// The attributes of an element, in document order.
    public var attributes: [XMLNode] {
        guard let pointer, kind == .element else { return [] }
        var result: [XMLNode] = []
        var attribute = pointer.pointee.properties
        while let node = attribute {
            // Safety: xmlAttr shares xmlNode's leading fields (_private, type, name, children,
            // last, parent, next, prev, doc), and for an attribute XMLNode reads only those
            // and `ns`, which xmlAttr also has at xmlNode's offset (libxml2's tree.h keeps
            // them in step for this cast, as xmlNodeGetContent does).
            let raw = UnsafeMutableRawPointer(node).assumingMemoryBound(to: xmlNode.self)
            result.append(XMLNode(document: document, pointer: raw))
            attribute = node.pointee.next
        }
        return result
    }

    /// The value of the attribute called `name` (in `namespaceURI`, when given).
    public func attribute(_ name: String, namespaceURI: String? = nil) -> String? {
        attributes.first { $0.name == name && $0.namespaceURI == namespaceURI }?.content
    }

    /// The parent node, or nil for the document node and namespace nodes.
    public var parent: XMLNode? {
        guard let pointer, kind != .document, let parent = pointer.pointee.parent else { return nil }
        return XMLNode(document: document, pointer: parent)
    }

    /// The elements among the children.
    public var childElements: [XMLNode] {
        children.filter { $0.kind == .element }
    }

    /// The line the node started on, as libxml2 recorded it (0 when unknown).
    public var line: Int {
        guard let pointer, kind == .element || kind == .text || kind == .comment || kind == .processingInstruction else { return 0 }
        return Int(xmlGetLineNo(pointer))
    }

    /// True when both values are the same node of the same document.
    public func isSameNode(as other: XMLNode) -> Bool {
        switch (storage, other.storage) {
        case (.node(let a), .node(let b)): return a == b
        case (.namespace(let p1, let u1), .namespace(let p2, let u2)):
            return document === other.document && p1 == p2 && u1 == u2
        default: return false
        }
    }
}
