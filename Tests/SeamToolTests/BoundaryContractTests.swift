import Foundation
import SeamTool
import Testing

@Suite struct BoundaryContractReading {
    func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("contract-\(UUID().uuidString).txt")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func readsClassesAndReasonsAndSkipsCommentsAndBlankLines() throws {
        let url = try file("""
            # function class reason
            ZSTD_compress2 fallible
            ZSTD_versionNumber   infallible  returns a constant

            xmlFreeDoc infallible frees; NULL is allowed
            """)
        defer { try? FileManager.default.removeItem(at: url) }
        let entries = try BoundaryContract.read(url)
        #expect(entries.keys.sorted() == ["ZSTD_compress2", "ZSTD_versionNumber", "xmlFreeDoc"])
        #expect(entries["ZSTD_compress2"]?.fallible == true)
        #expect(entries["ZSTD_compress2"]?.reason == "")
        #expect(entries["ZSTD_versionNumber"]?.fallible == false)
        #expect(entries["ZSTD_versionNumber"]?.reason == "returns a constant")
        #expect(entries["xmlFreeDoc"]?.reason == "frees; NULL is allowed")
    }

    @Test func anUnknownClassOrAMissingFileIsAnError() throws {
        let url = try file("ZSTD_compress2 maybe\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let bad = #expect(throws: SeamError.self) { try BoundaryContract.read(url) }
        #expect(bad?.description == "\(url.path): bad class in 'ZSTD_compress2 maybe'")
        let missing = url.appendingPathExtension("gone")
        let none = #expect(throws: SeamError.self) { try BoundaryContract.read(missing) }
        #expect(none?.description == "no contract at \(missing.path)")
    }

    @Test func callLogsAddUpPerFunctionAndSkipMalformedLines() throws {
        let url = try file("ZSTD_compress2 3 1\nxmlFreeDoc 2 0\nZSTD_compress2 4 0\ngarbage\nZSTD_x one 2\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let calls = BoundaryContract.readLog(url)
        #expect(calls.keys.sorted() == ["ZSTD_compress2", "xmlFreeDoc"])
        #expect(calls["ZSTD_compress2"]?.ok == 7)
        #expect(calls["ZSTD_compress2"]?.failed == 1)
        #expect(calls["xmlFreeDoc"]?.ok == 2)
        #expect(calls["xmlFreeDoc"]?.failed == 0)
    }
}
