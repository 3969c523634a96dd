import LibXML2

/// A comparable outline of a tree: element and attribute names with their namespaces and
/// values, text (adjacent text and CDATA merged), comments, processing instructions and
/// entity references, in document order.
package enum XMLTreeShape {
    package static func of(_ document: XMLDocument) -> [String] {
        var lines: [String] = []
        for child in document.node.children {
            append(child, depth: 0, to: &lines)
        }
        return lines
    }

    private static func append(_ node: XMLNode, depth: Int, to lines: inout [String]) {
        let indent = String(repeating: " ", count: depth)
        switch node.kind {
        case .element:
            let attributes = node.attributes
                .map { "{\($0.namespaceURI ?? "")}\($0.name)=\($0.content.debugDescription)" }
                .sorted()
            lines.append("\(indent)<{\(node.namespaceURI ?? "")}\(node.name) \(attributes.joined(separator: " "))")
            var text = ""
            for child in node.children {
                if child.kind == .text || child.kind == .cdata {
                    text += child.content
                    continue
                }
                if !text.isEmpty { lines.append("\(indent) T\(text.debugDescription)") }
                text = ""
                append(child, depth: depth + 1, to: &lines)
            }
            if !text.isEmpty { lines.append("\(indent) T\(text.debugDescription)") }
        case .text, .cdata:
            lines.append("\(indent)T\(node.content.debugDescription)")
        case .comment:
            lines.append("\(indent)C\(node.content.debugDescription)")
        case .processingInstruction:
            lines.append("\(indent)P\(node.name) \(node.content.debugDescription)")
        case .entityReference:
            lines.append("\(indent)R\(node.name)")
        case .dtd:
            lines.append("\(indent)D\(node.name)")
        default:
            lines.append("\(indent)?\(node.kind)")
        }
    }
}
