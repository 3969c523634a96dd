import LibXML2
import SeamFuzz

/// Arbitrary bytes into the parser with fuzzed (always safe) options, and up to three
/// resources the document may load as `a`, `b` and `c` (external entities and DTD subsets,
/// XIncludes), decoded from the input as libxml2's own fuzz/xml.c does. A failure is a typed
/// error that carries libxml2's code and position, or a bound the wrapper enforces; a success
/// is a tree whose parent links are consistent and which serializes (or is refused as
/// `.unserializable`). When the input says so, a document with a DTD is validated against
/// it: the verdict agrees with the errors, and validating again gives the same verdict. The
/// push parser, fed the same bytes in fuzzed chunks, accepts exactly the documents the
/// one-call parser accepts and builds the same tree; in recover mode, where libxml2's two
/// parsers recover differently, its tree only has to be consistent. When the input says so,
/// the streaming reader reads the same bytes and names the tree's elements in order (or
/// refuses them too), XPath counts the tree's nodes as a walk does (`XPathView`), and the
/// canonical form (C14N) is a fixed point: it parses, and canonicalizes to itself.
public enum XMLParse: FuzzTarget {

    /// What else a parse goes through, drawn with the resource count in one byte.
    struct Passes: OptionSet {
        let rawValue: Int
        static let validate = Passes(rawValue: 1)
        static let format = Passes(rawValue: 2)
        static let read = Passes(rawValue: 4)
        static let query = Passes(rawValue: 8)
        static let canonicalize = Passes(rawValue: 16)
        static let all: [Passes] = [.validate, .format, .read, .query, .canonicalize]
    }

    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        // Packed, so that the fuzzer's shortest inputs are mostly document: five bytes.
        let options = input.options(packedFrom: XMLParseOptions.all)
        let passes = input.options(packedFrom: Passes.all)
        let resourceCount = input.int(in: 0...FuzzedResources.names.count)
        let chunkSize = input.int(in: 1...4096)
        let (data, resources) = FuzzedResources.draw(document: resourceCount, from: &input)
        let document: XMLDocument
        do {
            document = try XMLDocument(parsing: data, options: options, resources: resources)
        } catch {
            switch error.kind {
            case .limitExceeded: return  // markup, entities, loads or inclusions over the wrapper's bounds
            case .invalidArgument where options.contains(.processXIncludes): return  // an xpointer
            default: break
            }
            try invariant(error.kind == .parse, "parse failed with kind \(error.kind)")
            try invariant(error.code != .ok && !error.diagnostics.isEmpty, "parse error without libxml2's diagnostics")
            if case .success(let pushed) = push(data, chunkSize: chunkSize, options: options, resources: resources) {
                if options.contains(.recover) { return try checkParentLinks(pushed.node) }
                throw InvariantViolation("the push parser accepted a document the one-call parser refused: \(error)")
            }
            // The reader must refuse it too; most of what a fuzzer tries is not well-formed.
            if passes.contains(.read), options.isDisjoint(with: [.recover, .processXIncludes]) {
                try XMLReaderTarget.checkReader(data, options: options, resources: resources, tree: nil)
            }
            return
        }
        switch push(data, chunkSize: chunkSize, options: options, resources: resources) {
        case .success(let pushed) where options.contains(.recover):
            try checkParentLinks(pushed.node)
        case .failure where options.contains(.recover):
            break
        case .success(let pushed):
            try invariant(
                (try? pushed.serialized()) == (try? document.serialized()),
                "the push parser's tree (\(chunkSize)-byte chunks) serializes differently"
            )
        case .failure(let error):
            switch error.kind {
            // Its entity and load bounds grow as bytes come; it reads fewer encodings.
            case .limitExceeded, .invalidArgument: break
            default: throw InvariantViolation("the push parser refused a document the one-call parser accepted: \(error)")
            }
        }
        try checkParentLinks(document.node)
        if passes.contains(.validate) { try checkValidation(document, repeatable: !options.contains(.recover)) }
        if passes.contains(.read), options.isDisjoint(with: [.recover, .processXIncludes]) {
            try XMLReaderTarget.checkReader(data, options: options, resources: resources, tree: document)
        }
        if passes.contains(.query) { try XPathView.check(document) }
        if passes.contains(.canonicalize), !options.contains(.recover) { try checkCanonicalForm(document, chunkSize: chunkSize) }
        do {
            _ = try document.serialized(format: passes.contains(.format))
        } catch {
            // Refusing a tree libxml2 would write as malformed XML is the only allowed failure.
            guard case .unserializable = error.kind else { throw InvariantViolation("serialize failed: \(error)") }
        }
    }

    /// `data` through the push parser in `chunkSize`-byte chunks.
    static func push(_ data: [UInt8], chunkSize: Int, options: XMLParseOptions, resources: XMLResources) -> Result<XMLDocument, XMLError> {
        Result { () throws(XMLError) in
            let parser = try XMLPushParser(options: options, resources: resources)
            for start in stride(from: 0, to: data.count, by: chunkSize) {
                try parser.feed(data[start..<min(start + chunkSize, data.count)])
            }
            return try parser.finish()
        }
    }

    /// The canonical form in the C14N variant `seed` picks, if libxml2 gives one for the tree
    /// (it refuses some, such as relative namespace URIs), parses and canonicalizes to itself.
    static func checkCanonicalForm(_ document: XMLDocument, chunkSize seed: Int) throws(InvariantViolation) {
        let form: XMLDocument.CanonicalForm = [.c14n10, .exclusive10, .c14n11][seed % 3]
        let comments = seed & 4 != 0
        let canonical: [UInt8]
        do {
            canonical = try document.canonicalized(form, withComments: comments)
        } catch {
            guard case .serialization = error.kind else { throw InvariantViolation("canonicalization failed with \(error)") }
            return
        }
        let again = try mustSucceed("parse the canonical form") { try XMLDocument(parsing: canonical) }
        let twice = try mustSucceed("canonicalize the canonical form") { try again.canonicalized(form, withComments: comments) }
        try invariant(twice == canonical, "the canonical form (\(form)) is not a fixed point")
    }

    /// Validity errors by code and line. Not messages: libxml2 escapes text that is not UTF-8
    /// in them the first time in a process only. Not an ambiguous content model: an error
    /// about the DTD, reported once per DTD.
    static func validity(_ result: XMLSchema.Validation) -> [String] {
        result.errors.filter { $0.domain == .validity && $0.code != .dtdContentNotDeterministic }.map { "\($0.code) \($0.line)" }
    }

    /// Validating again agrees with `first`, by verdict and by validity errors' codes and
    /// lines. libxml2 reports an ambiguous content model only when it first compiles it (the
    /// DTD keeps the compiled model), so after such a report the second and third agree.
    static func checkRepeatable(_ first: XMLSchema.Validation, _ validate: () throws(XMLError) -> XMLSchema.Validation) throws(InvariantViolation) {
        var reference = first
        var again = try mustSucceed("validate again") { () throws(XMLError) in try validate() }
        if first.errors.contains(where: { $0.code == .dtdContentNotDeterministic }) {
            reference = again
            again = try mustSucceed("validate a third time") { () throws(XMLError) in try validate() }
        }
        try invariant(again.isValid == reference.isValid && validity(again) == validity(reference), "validating again disagrees")
    }

    /// With `repeatable`, a second validation must agree with the first. Not for recovered
    /// trees: they can hold text that is not UTF-8, and libxml2 escapes such text once per
    /// process, so its validity checks of it depend on what ran before.
    static func checkValidation(_ document: XMLDocument, repeatable: Bool) throws(InvariantViolation) {
        let first: XMLSchema.Validation
        do {
            first = try document.validateAgainstDTD()
        } catch {
            if case .invalidArgument = error.kind { return }  // no DTD
            throw InvariantViolation("validation could not run: \(error)")
        }
        try invariant(first.isValid == validity(first).isEmpty, "valid is \(first.isValid) with \(validity(first).count) validity errors")
        guard repeatable else { return }
        try checkRepeatable(first) { () throws(XMLError) in try document.validateAgainstDTD() }
    }

    /// Every child's parent link points back to its parent; with `attributes`, every
    /// attribute's too (and its value reads). A loop, not recursion: recovered trees nest
    /// deeper than the fuzz thread's stack holds frames of a recursive walk under ASan.
    static func checkParentLinks(_ root: XMLNode, attributes: Bool = true) throws(InvariantViolation) {
        var pending = [root]
        while let node = pending.popLast() {
            var next = node.firstChild
            while let child = next {
                try invariant(child.parent?.isSameNode(as: node) == true, "child's parent link does not point back")
                pending.append(child)
                next = child.nextSibling
            }
            guard attributes else { continue }
            for attribute in node.attributes {
                try invariant(attribute.parent?.isSameNode(as: node) == true, "attribute's parent is not its element")
                _ = attribute.content
            }
        }
    }

    /// Documents with internal DTDs: content models, attribute types and defaults, parameter
    /// entities, notations and unparsed entities, valid and not.
    static let documentsWithDTDs = [
        "<!DOCTYPE c [<!ELEMENT c (b+|e)><!ELEMENT b (t,(p|q)?,n*)><!ATTLIST b id ID #REQUIRED r IDREF #IMPLIED k (x|y) 'x'>"
            + "<!ELEMENT t (#PCDATA)><!ELEMENT p EMPTY><!ELEMENT q ANY><!ELEMENT n (#PCDATA|t)*><!ELEMENT e EMPTY>]>"
            + "<c><b id='a' r='b'><t>1</t><p/></b><b id='b' k='y'><t>2</t><n>x<t>3</t></n></b></c>",
        "<!DOCTYPE c [<!ELEMENT c (b)><!ELEMENT b EMPTY><!ATTLIST b f CDATA #FIXED 'v' m NMTOKENS #REQUIRED>]><c><b f='w'/><b/></c>",
        "<!DOCTYPE d [<!ENTITY % model '(x|y)*'><!ELEMENT d %model;><!ELEMENT x EMPTY><!ELEMENT y EMPTY>"
            + "<!ENTITY % decl '<!ATTLIST x n CDATA \"dflt\">'>%decl;]><d><x/><y/><x n='1'/></d>",
        "<!DOCTYPE g [<!NOTATION png SYSTEM 'image/png'><!ENTITY pic SYSTEM 'p.png' NDATA png><!ELEMENT g EMPTY>"
            + "<!ATTLIST g src ENTITY #REQUIRED kind NOTATION (png) #IMPLIED refs IDREFS #IMPLIED>]><g src='pic' kind='png' refs='none'/>",
        "<!DOCTYPE r SYSTEM 'ext.dtd' [<!ELEMENT r (s)><!ELEMENT s (#PCDATA)>]><r><s>a</s><s>b</s></r>",
    ]

    /// Documents that load what the resources `a`, `b` and `c` hold, with the options that
    /// make them load: an external subset with parameter entities and conditional sections,
    /// external parsed entities, XIncludes of XML and of text with a fallback.
    static let documentsWithResources: [(document: String, resources: [String], options: XMLParseOptions)] = [
        (
            "<!DOCTYPE r SYSTEM \"a\" [<!ENTITY % local 'INCLUDE'>]><r><s/>&ext;</r>",
            [
                "<!ENTITY % types SYSTEM \"b\">%types;<![%local;[<!ELEMENT r (s, x)>]]><![IGNORE[<!ELEMENT r EMPTY>]]>"
                    + "<!ELEMENT s EMPTY><!ATTLIST s kind (p|q) 'p'><!ENTITY ext SYSTEM \"c\">",
                "<!ELEMENT x (#PCDATA)>",
                "<x>from c</x>",
            ],
            [.loadExternalDTD, .defaultAttributes, .substituteEntities]
        ),
        (
            "<!DOCTYPE r [<!ENTITY e SYSTEM \"a\"><!ENTITY % p SYSTEM \"b\">%p;]><r>&e;&f;</r>",
            ["<?xml version='1.0' encoding='UTF-8'?><e>text &amp; <i/></e>", "<!ENTITY f 'from b'>"],
            [.substituteEntities, .loadExternalDTD]
        ),
        (
            "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"a\"/><xi:include href=\"b\" parse=\"text\"/>"
                + "<xi:include href=\"missing\"><xi:fallback><f/></xi:fallback></xi:include></r>",
            ["<a xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"c\"/></a>", "plain < text", "<c/>"],
            [.processXIncludes]
        ),
    ]

    public static var seeds: [[UInt8]] {
        let plain = (XMLSeeds.documents + documentsWithDTDs).enumerated().map { index, document in
            seed(
                document, options: index > 0 ? XMLParseOptions.all[index % XMLParseOptions.all.count] : [],
                passes: Passes([.read, .query]).union(document.hasPrefix("<!DOCTYPE") ? .validate : []).union(index % 2 == 0 ? .canonicalize : []),
                chunk: [1, 7, 64, 4096][index % 4]
            )
        }
        let loading = documentsWithResources.map { seed($0.document, resources: $0.resources, options: $0.options, passes: [.validate, .format, .canonicalize], chunk: 16) }
        return plain + loading
    }

    static func seed(_ document: String, resources: [String] = [], options: XMLParseOptions, passes: Passes, chunk: Int) -> [UInt8] {
        var builder = FuzzInputBuilder()
        builder.options(options, packedFrom: XMLParseOptions.all)
        builder.options(passes, packedFrom: Passes.all)
        builder.int(resources.count, in: 0...FuzzedResources.names.count)
        builder.int(chunk, in: 1...4096)
        FuzzedResources.write(document: document, resources: resources, to: &builder)
        return builder.data
    }
}
