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
        let result = try document.validateAgainstInternalSubset()
        #expect(result.isValid)
        #expect(result.errors == [])
    }

    @Test func everyValidityErrorIsReportedWithItsCode() throws {
        // A book without its required id and with an undeclared child.
        let document = try parse(Self.dtd + "<catalog><book><title>C</title><price/></book></catalog>")
        let result = try document.validateAgainstInternalSubset()
        #expect(!result.isValid)
        #expect(result.errors.map(\.domain) == Array(repeating: .validity, count: result.errors.count))
        #expect(Set(result.errors.map(\.code)) == [.dtdMissingAttribute, .dtdUnknownElement, .dtdContentModel])
    }

    @Test func aDocumentWithoutASubsetIsAnInvalidArgument() throws {
        #expect(throws: XMLError(kind: .invalidArgument("the document has no internal DTD subset to validate against"), diagnostics: [])) {
            try parse("<catalog/>").validateAgainstInternalSubset()
        }
    }

    @Test func theExternalSubsetIsNeverRead() throws {
        // Were the file read, `leaked` would be declared and valid.
        let external = FileManager.default.temporaryDirectory.appendingPathComponent("seam-validate-\(getpid()).dtd")
        try Data("<!ELEMENT leaked EMPTY>".utf8).write(to: external)
        defer { try? FileManager.default.removeItem(at: external) }
        let document = try parse("<!DOCTYPE r SYSTEM \"\(external.absoluteString)\" [<!ELEMENT r ANY>]><r><leaked/></r>")
        let result = try document.validateAgainstInternalSubset()
        #expect(!result.isValid)
        #expect(result.errors.map(\.code) == [.dtdUnknownElement])
        #expect(result.errors.first?.message.contains("leaked") == true)
    }

    @Test func idsStillResolveAfterValidation() throws {
        let document = try parse(Self.dtd + "<catalog><book id='a'><title>Swift</title></book></catalog>")
        _ = try document.validateAgainstInternalSubset()
        guard case .string("Swift") = try document.evaluate("string(id('a')/title)") else {
            Issue.record("id('a') no longer resolves")
            return
        }
    }
}
