import LibXML2
import SeamFuzz

/// A fuzzed DTD, parsed on its own (`XMLDTD`), validates a fuzzed document: a DTD libxml2
/// refuses is a typed error with its diagnostics; a verdict agrees with its validity errors,
/// validating again gives the same verdict and errors (`XMLParse.checkRepeatable`), and
/// validating against the given DTD leaves the document's own DTD as it was (libxml2 swaps
/// it out for the call).
public enum XMLDTDValidate: FuzzTarget {
    /// Not recovery: its trees can hold text that is not UTF-8, whose validity errors libxml2
    /// reports once per process.
    static let options = FuzzedResources.optionsWithoutRecovery

    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let chosen = input.options(from: options)
        let dtdBytes = input.bytes(maxCount: 1 << 16)
        let data = input.remainingBytes()
        let dtd: XMLDTD
        do {
            dtd = try XMLDTD(parsing: dtdBytes)
        } catch {
            try invariant(error.kind == .parse && !error.diagnostics.isEmpty, "a refused DTD gave \(error) without libxml2's diagnostics")
            return
        }
        guard let document = try? XMLDocument(parsing: data, options: chosen) else { return }
        // Its own DTD's content models compiled first: libxml2 reports an ambiguous one only then.
        _ = try? document.validateAgainstDTD()
        let own = verdict { () throws(XMLError) in try document.validateAgainstDTD() }
        let first = try mustSucceed("validate against the DTD") { try document.validate(against: dtd) }
        try invariant(first.isValid == XMLParse.validity(first).isEmpty, "valid is \(first.isValid) with \(XMLParse.validity(first).count) validity errors")
        try XMLParse.checkRepeatable(first) { () throws(XMLError) in try document.validate(against: dtd) }
        let ownAfter = verdict { () throws(XMLError) in try document.validateAgainstDTD() }
        try invariant(ownAfter == own, "validating against another DTD changed the document's own: \(own) then \(ownAfter)")
    }

    /// A validation's outcome as text, an error included.
    static func verdict(_ validate: () throws(XMLError) -> XMLSchema.Validation) -> String {
        do {
            let result = try validate()
            return "\(result.isValid) \(XMLParse.validity(result))"
        } catch {
            return "\(error)"
        }
    }

    static let pairs: [(dtd: String, document: String)] = [
        (
            "<!ELEMENT c (b+|e)><!ELEMENT b (t,(p|q)?,n*)><!ATTLIST b id ID #REQUIRED r IDREF #IMPLIED k (x|y) 'x'>"
                + "<!ELEMENT t (#PCDATA)><!ELEMENT p EMPTY><!ELEMENT q ANY><!ELEMENT n (#PCDATA|t)*><!ELEMENT e EMPTY>",
            "<c><b id='a' r='b'><t>1</t><p/></b><b id='b' k='y'><t>2</t><n>x<t>3</t></n></b></c>"
        ),
        (
            "<!ENTITY % model '(x|y)*'><!ELEMENT d %model;><!ELEMENT x EMPTY><!ELEMENT y EMPTY>"
                + "<!ENTITY % decl '<!ATTLIST x n CDATA \"dflt\">'>%decl;<![INCLUDE[<!ENTITY e 'text'>]]><![IGNORE[<!ELEMENT z ANY>]]>",
            "<d><x/><y/><x n='1'/><z/></d>"
        ),
        (
            "<!NOTATION png SYSTEM 'image/png'><!ENTITY pic SYSTEM 'p.png' NDATA png><!ELEMENT g EMPTY>"
                + "<!ATTLIST g src ENTITY #REQUIRED kind NOTATION (png) #IMPLIED refs IDREFS #IMPLIED f CDATA #FIXED 'v'>",
            "<g src='pic' kind='png' refs='none' f='w'/>"
        ),
        (
            "<!ELEMENT r (s)><!ELEMENT s (#PCDATA)><!ATTLIST s m NMTOKENS #REQUIRED>",
            "<!DOCTYPE r [<!ELEMENT r ANY>]><r><s m='a b'>a</s><s>b</s></r>"
        ),
    ]

    public static var seeds: [[UInt8]] {
        pairs.enumerated().map { index, pair in
            var builder = FuzzInputBuilder()
            builder.options(index == 1 ? [.substituteEntities, .defaultAttributes] : [], from: options)
            builder.bytes(Array(pair.dtd.utf8))
            builder.remainingBytes(Array(pair.document.utf8))
            return builder.data
        }
    }
}
