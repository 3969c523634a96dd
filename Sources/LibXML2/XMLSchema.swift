import CLibXML2
import SeamBoundary

/// A compiled XML Schema (XSD) or RELAX NG schema that validates documents.
///
/// Ownership: owns the compiled schema and the schema document it points into, freed
/// together. Threading: not Sendable; compile one per task. Safety: the schemas it includes,
/// imports, redefines or references by location load from the caller's `XMLResources` only,
/// and with none given such a schema is refused.
public final class XMLSchema {
    /// The schema language.
    public enum Language: Hashable, Sendable {
        case xsd, relaxNG
    }

    /// The outcome of one validation: valid, or the errors libxml2 reported (up to 100).
    public struct Validation: Sendable {
        public let isValid: Bool
        public let errors: [XMLDiagnostic]
    }

    public let language: Language
    private let source: XMLDocument
    private let xsd: xmlSchemaPtr?
    private let relaxNG: xmlRelaxNGPtr?

    /// Parses and compiles a schema. `url` is the base its references to other schemas
    /// resolve against, and they load from `resources`. Throws `.parse` for a schema that is
    /// not well-formed or not a valid schema (with every diagnostic), `.limitExceeded` when
    /// its loads pass `XMLResources.maxLoadedBytes`, and `.invalidArgument` for one that refers
    /// to other schemas by location when `resources` is empty. A RELAX NG grammar whose
    /// defines libxml2 2.9 would expand past `RelaxNGDefineGraph`'s bounds (10,000 references,
    /// 100 levels outside elements, or a cycle outside elements) is refused with
    /// `.limitExceeded` before libxml2 compiles it.
    public init<Bytes: Collection<UInt8>>(
        parsing bytes: Bytes, language: Language = .xsd, url: String? = nil, resources: XMLResources = [:]
    ) throws(XMLError) {
        let source = try XMLDocument(parsing: bytes, url: url)
        let external = language == .xsd
            ? "//*[namespace-uri()='http://www.w3.org/2001/XMLSchema' and (local-name()='include' or local-name()='import' or local-name()='redefine' or local-name()='override')][@schemaLocation]"
            : "//*[namespace-uri()='http://relaxng.org/ns/structure/1.0' and (local-name()='include' or local-name()='externalRef')]"
        if resources.isEmpty, case .nodes(let references) = try source.evaluate(external), let first = references.first {
            throw XMLError(
                kind: .invalidArgument("the schema refers to another by location (\(first.name) at line \(first.line)); pass it in resources"),
                diagnostics: []
            )
        }
        if language == .relaxNG, case .nodes(let choices) = try source.evaluate(Self.nestedNameClassChoice), let first = choices.first {
            throw XMLError(
                kind: .invalidArgument("the RELAX NG name class at line \(first.line) has a choice after its first name, which libxml2 2.9 recurses on without end; list its names in one choice"),
                diagnostics: []
            )
        }
        if language == .relaxNG, let root = source.root, let refusal = RelaxNGDefineGraph(root).refusal() {
            throw XMLError(kind: .limitExceeded(refusal), diagnostics: [])
        }
        let loads = LoadSession(resources, inputBytes: bytes.count)
        let (compiled, diagnostics) = DiagnosticCollector.collect(loads: loads) { () -> (xmlSchemaPtr?, xmlRelaxNGPtr?) in
            switch language {
            case .xsd:
                guard let parser = xmlSchemaNewDocParserCtxt(source.pointer) else { return (nil, nil) }
                defer { xmlSchemaFreeParserCtxt(parser) }
                let schema = xmlSchemaParse(parser)
                Boundary.record("xmlSchemaParse", ok: schema != nil)
                return (schema, nil)
            case .relaxNG:
                guard let parser = xmlRelaxNGNewDocParserCtxt(source.pointer) else { return (nil, nil) }
                defer { xmlRelaxNGFreeParserCtxt(parser) }
                let schema = xmlRelaxNGParse(parser)
                Boundary.record("xmlRelaxNGParse", ok: schema != nil)
                return (nil, schema)
            }
        }
        if loads.exceeded {
            if let xsd = compiled.0 { xmlSchemaFree(xsd) }
            if let relaxNG = compiled.1 { xmlRelaxNGFree(relaxNG) }
            throw loads.exceededError
        }
        guard compiled.0 != nil || compiled.1 != nil else { throw XMLError(kind: .parse, diagnostics: diagnostics) }
        self.language = language
        self.source = source
        self.xsd = compiled.0
        self.relaxNG = compiled.1
    }

    /// A name-class `choice` (its children all name classes) with a `choice` after its first
    /// child: libxml2 2.9's RELAX NG compiler recurses on it until the stack runs out (a choice
    /// after a name) or loops (two choices), on any stack. A choice first is compiled fine.
    private static let nestedNameClassChoice: String = {
        let ns = "namespace-uri()='http://relaxng.org/ns/structure/1.0'"
        let nameClass = "\(ns) and (local-name()='name' or local-name()='anyName' or local-name()='nsName' or local-name()='choice')"
        return "//*[\(ns) and local-name()='choice'][not(*[not(\(nameClass))])][*[position() > 1][\(ns) and local-name()='choice']]"
    }()

    deinit {
        if let xsd { xmlSchemaFree(xsd) }
        if let relaxNG { xmlRelaxNGFree(relaxNG) }
    }

    /// Validates `document`, collecting every error libxml2 reports. Throws only when
    /// libxml2 cannot run the validation at all (an internal error or no memory).
    public func validate(_ document: XMLDocument) throws(XMLError) -> Validation {
        let (status, diagnostics) = withExtendedLifetime(source) {
            DiagnosticCollector.collect { () -> Int32 in
                if let xsd {
                    guard let context = xmlSchemaNewValidCtxt(xsd) else { return -1 }
                    defer { xmlSchemaFreeValidCtxt(context) }
                    let status = xmlSchemaValidateDoc(context, document.pointer)
                    Boundary.record("xmlSchemaValidateDoc", ok: status == 0)
                    return status
                }
                guard let relaxNG, let context = xmlRelaxNGNewValidCtxt(relaxNG) else { return -1 }
                defer { xmlRelaxNGFreeValidCtxt(context) }
                let status = xmlRelaxNGValidateDoc(context, document.pointer)
                Boundary.record("xmlRelaxNGValidateDoc", ok: status == 0)
                return status
            }
        }
        guard status >= 0 else { throw XMLError(kind: .parse, diagnostics: diagnostics) }
        return Validation(isValid: status == 0, errors: diagnostics.filter { $0.level >= .error })
    }
}
