import LibXML2
import SeamFuzz

/// The tree as XPath sees it agrees with the tree walked through `XMLNode`: as many
/// elements, attributes and text nodes (XPath does not descend into the DTD or entity
/// references, and neither does the walk). The queries an application runs on a parsed
/// document, here with an answer to check.
enum XPathView {
    static func check(_ document: XMLDocument) throws(InvariantViolation) {
        var elements = 0, attributes = 0, texts = 0
        var pending = [document.node]
        while let node = pending.popLast() {
            var next = node.firstChild
            while let child = next {
                switch child.kind {
                case .element:
                    elements += 1
                    attributes += child.attributes.count
                    pending.append(child)
                case .text, .cdata:
                    texts += 1
                default:
                    break
                }
                next = child.nextSibling
            }
        }
        for (expression, count) in [("count(//*)", elements), ("count(//@*)", attributes), ("count(//text())", texts)] {
            let result = try mustSucceed("evaluate \(expression)") { try document.evaluate(expression) }
            guard case .number(let value) = result else { throw InvariantViolation("\(expression) is not a number: \(result)") }
            try invariant(value == Double(count), "\(expression) is \(value); walking the tree counts \(count)")
        }
    }
}
