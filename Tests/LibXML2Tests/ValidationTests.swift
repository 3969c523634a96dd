import Foundation
@testable import LibXML2
import Testing

@Suite struct DTDValidation {
    static let dtd = """
        <!DOCTYPE catalog [
          <!ELEMENT catalog (book+)>
          <!ELEMENT book (title)>
          <!ATTLIST book id ID #REQUIRED>
          <!ELEMENT title (#PCDATA)>
        ]>
        """

    @Test func aValidDocumentHasNoErrors() throws {
        let document = try parse(Self.dtd + "<catalog><book id='a'><title>Swift</title></book></catalog>")
        let result = try document.validateAgainstDTD()
        #expect(result.isValid)
        #expect(result.errors == [])
    }

    @Test func everyValidityErrorIsReportedWithItsCode() throws {
        // A book without its required id and with an undeclared child.
        let document = try parse(Self.dtd + "<catalog><book><title>C</title><price/></book></catalog>")
        let result = try document.validateAgainstDTD()
        #expect(!result.isValid)
        #expect(result.errors.map(\.domain) == Array(repeating: .validity, count: result.errors.count))
        #expect(Set(result.errors.map(\.code)) == [.dtdMissingAttribute, .dtdUnknownElement, .dtdContentModel])
    }

    @Test func aDocumentWithoutASubsetIsAnInvalidArgument() throws {
        #expect(throws: XMLError(kind: .invalidArgument("the document has no DTD to validate against"), diagnostics: [])) {
            try parse("<catalog/>").validateAgainstDTD()
        }
    }

    @Test func theExternalSubsetIsNeverRead() throws {
        // Were the file read, `leaked` would be declared and valid.
        let external = FileManager.default.temporaryDirectory.appendingPathComponent("seam-validate-\(getpid()).dtd")
        try Data("<!ELEMENT leaked EMPTY>".utf8).write(to: external)
        defer { try? FileManager.default.removeItem(at: external) }
        let document = try parse("<!DOCTYPE r SYSTEM \"\(external.absoluteString)\" [<!ELEMENT r ANY>]><r><leaked/></r>")
        let result = try document.validateAgainstDTD()
        #expect(!result.isValid)
        #expect(result.errors.map(\.code) == [.dtdUnknownElement])
        #expect(result.errors.first?.message.contains("leaked") == true)
    }

    @Test func idsStillResolveAfterValidation() throws {
        let document = try parse(Self.dtd + "<catalog><book id='a'><title>Swift</title></book></catalog>")
        _ = try document.validateAgainstDTD()
        guard case .string("Swift") = try document.evaluate("string(id('a')/title)") else {
            Issue.record("id('a') no longer resolves")
            return
        }
    }
}

@Suite struct SubstitutionAndDefaults {
    @Test func internalEntitiesAreSubstituted() throws {
        let text = "<!DOCTYPE r [<!ENTITY e 'entity <b>text</b>'>]><r>&e;</r>"
        let kept = try parse(text)
        #expect(kept.root?.children.map(\.kind) == [.entityReference])
        let substituted = try parse(text, options: .substituteEntities)
        #expect(substituted.root?.children.map(\.kind) == [.text, .element])
        #expect(substituted.root?.content == "entity text")
    }

    @Test func declaredDefaultsAreAdded() throws {
        let text = "<!DOCTYPE r [<!ATTLIST r a CDATA 'dflt' b CDATA #IMPLIED>]><r/>"
        #expect(try parse(text).root?.attributes.isEmpty == true)
        let document = try parse(text, options: .defaultAttributes)
        #expect(document.root?.attribute("a") == "dflt")
        #expect(document.root?.attributes.count == 1)
    }

    @Test func substitutionKeepsLibxml2sAmplificationBound() throws {
        var entities = "<!ENTITY l0 \"lol\">"
        for level in 1...9 { entities += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">" }
        let error = #expect(throws: XMLError.self) { try parse("<!DOCTYPE r [\(entities)]><r>&l9;</r>", options: .substituteEntities) }
        #expect(error?.kind == .parse)
        #expect(error?.code == .entityLoop)
    }
}
