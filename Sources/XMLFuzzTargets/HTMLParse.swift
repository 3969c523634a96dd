import LibXML2
import SeamFuzz

/// Arbitrary bytes into libxml2's HTML parsers with fuzzed options. The one-call parser builds
/// a tree (or a typed error) whose parent links are consistent and which serializes, plain or
/// formatted; the push parser, fed the same bytes in fuzzed chunks, builds a tree with
/// consistent links that serializes too. The two trees are not compared: on malformed input
/// libxml2 2.9's two HTML parsers recover differently (a stray `<` before the doctype, a NUL
/// inside a tag, a tag cut off at the end, bytes that are not UTF-8; the regressions keep
/// examples), and the unit tests compare them on well-formed documents. When the input says
/// so, XPath counts the tree's nodes as a walk does (`XPathView`): scraping is what most HTML
/// is parsed for.
public enum HTMLParse: FuzzTarget {
    /// What else a parse goes through.
    struct Passes: OptionSet {
        let rawValue: Int
        static let format = Passes(rawValue: 1)
        static let query = Passes(rawValue: 2)
        static let all: [Passes] = [.format, .query]
    }

    /// What the target does after the parse (`-seam_skip_checks=`): walk the tree's links,
    /// serialize it, parse again with the push parser.
    static let walks = FuzzCheck("walk"), serializes = FuzzCheck("serialize"), pushes = FuzzCheck("push")

    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        // Packed, so that the fuzzer's shortest inputs are mostly document: three bytes.
        let options = input.options(packedFrom: HTMLParseOptions.all)
        let passes = input.options(packedFrom: Passes.all)
        let format = passes.contains(.format)
        let chunkSize = input.int(in: 1...256)
        let data = input.remainingBytes()
        let document: XMLDocument
        do {
            document = try XMLDocument(parsingHTML: data, options: options)
        } catch {
            // Markup over the wrapper's bounds; the push parser, which reads fewer encodings,
            // may accept it.
            if case .limitExceeded = error.kind { return }
            try invariant(error.kind == .parse, "HTML parse failed with kind \(error.kind)")
            return
        }
        try invariant(document.isHTML, "the HTML parser returned an XML document")
        if walks.runs { try XMLParse.checkParentLinks(document.node, attributes: false) }
        if serializes.runs { _ = try mustSucceed("serialize HTML") { try document.serialized(format: format) } }
        if passes.contains(.query) { try XPathView.check(document) }

        guard pushes.runs else { return }
        let parser = try mustSucceed("create an HTML push parser") { try HTMLPushParser(options: options) }
        for start in stride(from: 0, to: data.count, by: chunkSize) {
            try mustSucceed("feed the HTML push parser") { try parser.feed(data[start..<min(start + chunkSize, data.count)]) }
        }
        let pushed = try mustSucceed("finish the HTML push parser") { try parser.finish() }
        if walks.runs { try XMLParse.checkParentLinks(pushed.node, attributes: false) }
        if serializes.runs { _ = try mustSucceed("serialize the pushed HTML") { try pushed.serialized(format: format) } }
    }

    static let documents = [
        "<!DOCTYPE html><html><head><title>t</title></head><body><p>a<b>b</p>c</b></body></html>",
        "<table><tr><td>1<td>2</table><script>if (a < b) {}</script>",
        "<p class=x id='y' data-z=\"1\">&amp; &nbsp; &copy; &#x263A;<br><img src=a.png alt=b>",
        "<ul><li>one<li>two<li><a href=\"javascript:x\">three</a></ul><!-- c --><?pi x?>",
        "<meta charset=\"iso-8859-1\"><p>caf\u{E9}</p>",
        "<div><div><div><span>deep</span></div></div></div><textarea></p></textarea>",
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\"><title>4</title><p>x",
        "<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0 Transitional//EN' 'http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd'>"
            + "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><form action=x><input type=checkbox checked><select><option selected>o</select></form></body></html>",
        "<!DOCTYPE html SYSTEM \"about:legacy-compat\"><frameset><frame src=a></frameset><noframes>n</noframes>",
    ]

    public static var seeds: [[UInt8]] {
        documents.enumerated().map { index, document in
            var builder = FuzzInputBuilder()
            builder.options(HTMLParseOptions.all[index % 4], packedFrom: HTMLParseOptions.all)
            builder.options(index % 2 == 1 ? [.format, .query] : [.query], packedFrom: Passes.all)
            builder.int([1, 7, 64, 256][index % 4], in: 1...256)
            builder.remainingBytes(Array(document.utf8))
            return builder.data
        }
    }
}
