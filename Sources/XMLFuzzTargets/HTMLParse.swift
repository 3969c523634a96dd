import LibXML2
import SeamFuzz

/// Arbitrary bytes into libxml2's HTML parser with fuzzed options: it builds a tree (or a
/// typed error), the tree's parent links are consistent, and its HTML serialization (plain and
/// formatted) parses again to a tree whose links are consistent too. The element counts of
/// the two trees are not compared: the HTML parser legitimately restructures its own output
/// (implied elements, misnested tags moved).
public enum HTMLParse: FuzzTarget {
    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let options = input.options(from: HTMLParseOptions.all)
        let data = input.remainingBytes()
        let document: XMLDocument
        do {
            document = try XMLDocument(parsingHTML: data, options: options)
        } catch {
            try invariant(error.kind == .parse, "HTML parse failed with kind \(error.kind)")
            return
        }
        try invariant(document.isHTML, "the HTML parser returned an XML document")
        try checkLinks(document.node, depth: 0)
        let bytes = try mustSucceed("serialize HTML") { () throws(XMLError) in try document.serialized() }
        _ = try mustSucceed("serialize HTML with formatting") { () throws(XMLError) in try document.serialized(format: true) }
        let again = try mustSucceed("re-parse serialized HTML") { () throws(XMLError) in try XMLDocument(parsingHTML: bytes, options: options) }
        try checkLinks(again.node, depth: 0)
    }

    private static func checkLinks(_ node: XMLNode, depth: Int) throws(InvariantViolation) {
        guard depth < 1_000 else { return }
        for child in node.children {
            try invariant(child.parent?.isSameNode(as: node) == true, "HTML child's parent link does not point back")
            try checkLinks(child, depth: depth + 1)
        }
    }

    static let documents = [
        "<!DOCTYPE html><html><head><title>t</title></head><body><p>a<b>b</p>c</b></body></html>",
        "<table><tr><td>1<td>2</table><script>if (a < b) {}</script>",
        "<p class=x id='y' data-z=\"1\">&amp; &nbsp; &copy; &#x263A;<br><img src=a.png alt=b>",
        "<ul><li>one<li>two<li><a href=\"javascript:x\">three</a></ul><!-- c --><?pi x?>",
        "<meta charset=\"iso-8859-1\"><p>caf\u{E9}</p>",
        "<div><div><div><span>deep</span></div></div></div><textarea></p></textarea>",
    ]

    public static var seeds: [[UInt8]] {
        documents.enumerated().map { index, document in
            var builder = FuzzInputBuilder()
            for position in HTMLParseOptions.all.indices {
                builder.bool(position == index % 4)
            }
            builder.remainingBytes(Array(document.utf8))
            return builder.data
        }
    }
}
