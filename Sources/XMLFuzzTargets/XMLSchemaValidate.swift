import LibXML2
import SeamFuzz

/// A fuzzed document validated against fixed XSD and RELAX NG schemas: a verdict with
/// libxml2's errors (never a trap), the same verdict twice, and the same verdict for the
/// document after a serialize and re-parse round trip.
public enum XMLSchemaValidate: FuzzTarget {
    static let xsdText = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:o" xmlns="urn:o" elementFormDefault="qualified">
          <xs:element name="order">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="item" maxOccurs="unbounded">
                  <xs:complexType>
                    <xs:simpleContent><xs:extension base="xs:string">
                      <xs:attribute name="qty" type="xs:positiveInteger" use="required"/>
                      <xs:attribute name="sku"><xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="[A-Z]{2}-[0-9]+"/></xs:restriction></xs:simpleType></xs:attribute>
                    </xs:extension></xs:simpleContent>
                  </xs:complexType>
                </xs:element>
                <xs:element name="note" type="xs:string" minOccurs="0"/>
              </xs:sequence>
              <xs:attribute name="date" type="xs:date"/>
            </xs:complexType>
            <xs:unique name="skus"><xs:selector xpath="item"/><xs:field xpath="@sku"/></xs:unique>
          </xs:element>
        </xs:schema>
        """
    static let relaxNGText = """
        <element name="order" ns="urn:o" xmlns="http://relaxng.org/ns/structure/1.0" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
          <optional><attribute name="date"><data type="date"/></attribute></optional>
          <oneOrMore><element name="item"><attribute name="qty"><data type="positiveInteger"/></attribute>
            <optional><attribute name="sku"/></optional><text/></element></oneOrMore>
          <optional><element name="note"><text/></element></optional>
        </element>
        """

    /// Compiled per input: schemas are not Sendable, so they cannot be shared between the
    /// tests that replay this target in parallel.
    static func schemas() -> [XMLSchema] {
        [try? XMLSchema(parsing: Array(xsdText.utf8)), try? XMLSchema(parsing: Array(relaxNGText.utf8), language: .relaxNG)].compactMap { $0 }
    }

    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let useRelaxNG = input.bool()
        let data = input.remainingBytes()
        let compiled = schemas()
        try invariant(compiled.count == 2, "the fixed schemas do not compile")
        let schema = compiled[useRelaxNG ? 1 : 0]
        guard let document = try? XMLDocument(parsing: data) else { return }
        let first = try mustSucceed("validate") { try schema.validate(document) }
        try invariant(first.isValid == first.errors.isEmpty, "verdict \(first.isValid) with \(first.errors.count) errors")
        let second = try mustSucceed("validate again") { try schema.validate(document) }
        try invariant(first.isValid == second.isValid && first.errors == second.errors, "validation is not deterministic")
        guard let bytes = try? document.serialized(), let again = try? XMLDocument(parsing: bytes) else { return }
        let third = try mustSucceed("validate the round-tripped document") { try schema.validate(again) }
        try invariant(third.isValid == first.isValid, "a serialize/parse round trip changed the verdict")
    }

    static let documents = [
        "<order xmlns=\"urn:o\" date=\"2026-11-26\"><item qty=\"2\" sku=\"AB-1\">pen</item><note>n</note></order>",
        "<order xmlns=\"urn:o\"><item qty=\"0\">zero</item></order>",
        "<order xmlns=\"urn:o\"><item qty=\"1\" sku=\"AB-1\"/><item qty=\"1\" sku=\"AB-1\"/></order>",
        "<order xmlns=\"urn:o\" date=\"yesterday\"><note/></order>",
        "<other/>",
    ]

    public static var seeds: [[UInt8]] {
        documents.enumerated().flatMap { index, document in
            [false, true].map { relaxNG in
                var builder = FuzzInputBuilder()
                builder.bool(relaxNG)
                builder.remainingBytes(Array(document.utf8))
                return builder.data
            }
        }
    }
}
