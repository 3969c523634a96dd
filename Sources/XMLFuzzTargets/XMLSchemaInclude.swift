import LibXML2
import SeamFuzz

/// A fuzzed XSD or RELAX NG schema compiled with up to three resources it may include,
/// import, redefine or reference (`a`, `b`, `c`), decoded from the input: a schema either
/// compiles or is a typed error with libxml2's diagnostics (or a bound); compiling it again
/// gives the same outcome; a compiled schema validates a fuzzed document with a verdict that
/// agrees with its errors.
public enum XMLSchemaInclude: FuzzTarget {
    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let language: XMLSchema.Language = input.bool() ? .relaxNG : .xsd
        let resources = FuzzedResources.draw(input.int(in: 0...FuzzedResources.names.count), from: &input)
        let document = input.bytes(maxCount: 1 << 16)
        let schemaBytes = input.remainingBytes()
        let first = compile(schemaBytes, language, resources)
        let second = compile(schemaBytes, language, resources)
        switch (first, second) {
        case (.success, .success):
            break
        case (.failure(let error), .failure(let again)):
            try invariant(error.kind == again.kind && error.code == again.code, "compiling again failed differently: \(error) then \(again)")
            switch error.kind {
            case .parse: try invariant(!error.diagnostics.isEmpty, "a refused schema without libxml2's diagnostics")
            case .limitExceeded, .invalidArgument: break
            default: throw InvariantViolation("compiling failed with kind \(error.kind)")
            }
        default:
            throw InvariantViolation("compiling the same schema twice gave \(first) then \(second)")
        }
        guard case .success(let schema) = first, let instance = try? XMLDocument(parsing: document) else { return }
        let result = try mustSucceed("validate") { try schema.validate(instance) }
        try invariant(result.isValid == result.errors.isEmpty, "verdict \(result.isValid) with \(result.errors.count) errors")
    }

    static func compile(_ bytes: [UInt8], _ language: XMLSchema.Language, _ resources: XMLResources) -> Result<XMLSchema, XMLError> {
        Result { () throws(XMLError) in try XMLSchema(parsing: bytes, language: language, resources: resources) }
    }

    static let xsd = "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\""
    static let rng = "xmlns=\"http://relaxng.org/ns/structure/1.0\""

    static let cases: [(relaxNG: Bool, schema: String, resources: [String], document: String)] = [
        (
            false,
            "<xs:schema \(xsd) xmlns:t=\"urn:t\"><xs:include schemaLocation=\"a\"/><xs:import namespace=\"urn:t\" schemaLocation=\"b\"/>"
                + "<xs:element name=\"n\" type=\"small\"/><xs:element name=\"w\"><xs:complexType><xs:sequence><xs:element ref=\"n\"/>"
                + "<xs:element ref=\"t:v\"/></xs:sequence></xs:complexType></xs:element></xs:schema>",
            [
                "<xs:schema \(xsd)><xs:simpleType name=\"small\"><xs:restriction base=\"xs:int\"><xs:maxInclusive value=\"9\"/></xs:restriction></xs:simpleType></xs:schema>",
                "<xs:schema \(xsd) targetNamespace=\"urn:t\"><xs:element name=\"v\" type=\"xs:string\"/></xs:schema>",
            ],
            "<w><n>3</n><v xmlns=\"urn:t\">x</v></w>"
        ),
        (
            false,
            "<xs:schema \(xsd)><xs:redefine schemaLocation=\"a\"><xs:simpleType name=\"code\"><xs:restriction base=\"code\"><xs:length value=\"2\"/></xs:restriction></xs:simpleType></xs:redefine>"
                + "<xs:element name=\"c\" type=\"code\"/></xs:schema>",
            ["<xs:schema \(xsd)><xs:simpleType name=\"code\"><xs:restriction base=\"xs:string\"/></xs:simpleType></xs:schema>"],
            "<c>ab</c>"
        ),
        (
            true,
            "<grammar \(rng)><include href=\"a\"><define name=\"item\"><element name=\"i\"><text/></element></define></include>"
                + "<start><element name=\"r\"><oneOrMore><ref name=\"item\"/></oneOrMore><externalRef href=\"b\"/></element></start></grammar>",
            [
                "<grammar \(rng)><define name=\"item\"><element name=\"old\"><empty/></element></define><start><ref name=\"item\"/></start></grammar>",
                "<element name=\"e\" \(rng)><attribute name=\"k\"/></element>",
            ],
            "<r><i>1</i><e k=\"v\"/></r>"
        ),
    ]

    public static var seeds: [[UInt8]] {
        cases.map { item in
            var builder = FuzzInputBuilder()
            builder.bool(item.relaxNG)
            builder.int(item.resources.count, in: 0...FuzzedResources.names.count)
            FuzzedResources.write(item.resources, to: &builder)
            builder.bytes(Array(item.document.utf8))
            builder.remainingBytes(Array(item.schema.utf8))
            return builder.data
        }
    }
}
