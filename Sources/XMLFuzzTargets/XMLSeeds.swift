/// Deterministic XML documents the XML seed generators build on.
package enum XMLSeeds {
    package static let documents: [String] = [
        "<a/>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<root><item id=\"1\">one</item><item id=\"2\">two</item></root>",
        "<r xmlns=\"urn:d\" xmlns:p=\"urn:p\"><p:x p:attr=\"v\">t</p:x><y/></r>",
        "<!DOCTYPE d [<!ENTITY e \"entity text\"><!ATTLIST d a CDATA \"default\">]><d>&e;<![CDATA[ <raw> & ]]></d>",
        "<!-- c --><?pi data?><doc>  <k>v</k>\n  <k>w &amp; &lt;x&gt; &#x41;</k></doc>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>caf\u{E9}</t>",
        "<unclosed><b></unclosed>",
        "<a><b><c><d><e>deep</e></d></c></b></a>",
    ]
}
