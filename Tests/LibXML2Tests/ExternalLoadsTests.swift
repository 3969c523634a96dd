@testable import LibXML2
import Testing

@Suite struct ReplacedLoader {
    /// Another library in the process may install its own loader, which could read files:
    /// the options that load are then refused, and the others still parse (they never load).
    /// (Decided on the flag, not by replacing the process's loader under parallel tests.)
    @Test func substitutionIsRefusedOnceTheLoaderIsReplaced() throws {
        #expect(XMLLibrary.ownsExternalLoader)
        #expect(throws: XMLError(
            kind: .invalidArgument("libxml2's external entity loader was replaced by another library; loading external documents needs the wrapper's"),
            diagnostics: []
        )) { try XMLLibrary.checkExternalLoads(.processXIncludes, loaderInstalled: false) }
        #expect(throws: Never.self) { try XMLLibrary.checkExternalLoads(XMLParseOptions.all.filter { $0.isDisjoint(with: [.substituteEntities, .loadExternalDTD, .processXIncludes]) }.reduce([]) { $0.union($1) }, loaderInstalled: false) }
        #expect(throws: Never.self) { try XMLLibrary.checkExternalLoads(.substituteEntities, loaderInstalled: true) }
    }
}
