import Foundation
import SeamTool
import Testing

/// The static half of the boundary contract check (`seam contract` runs the dynamic half):
/// every C function a wrapper module declared in seam-libraries.json imports has a line in
/// ci/boundary-contract.txt, so a newly imported function fails here until someone says how
/// the tests must reach it.
@Suite struct BoundaryContractFile {
    static let modules: [(module: String, library: CLibrary)] = ((try? seamProject.declaredLibraries()) ?? []).flatMap { library in
        library.modules.map { ($0, library) }
    }

    @Test func everyDeclaredLibraryHasAWrapperModule() throws {
        let declared = try seamProject.declaredLibraries()
        #expect(declared.map(\.name) == ["zstd", "libxml2"])
        #expect(Self.modules.map(\.module) == ["Zstd", "LibXML2"])
    }

    @Test(arguments: modules.map(\.module))
    func everyImportedFunctionIsInTheContract(module: String) throws {
        let library = try #require(Self.modules.first { $0.module == module }).library
        // The objects of this very build: the test bundle's folder holds <Module>.build.
        let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let buildFolder = try #require([bundleFolder, packageRoot.appendingPathComponent(".build/debug")].first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("\(module).build").path)
        })
        let imported = try BoundaryContract.importedFunctions(module: module, library: try SystemLibrary(library), buildFolder: buildFolder)
        #expect(imported.count > 10, "found too few imports of \(library.name): \(imported)")
        let contract = try BoundaryContract.read(packageRoot.appendingPathComponent("ci/boundary-contract.txt"))
        let missing = imported.filter { contract[$0] == nil }
        #expect(missing.isEmpty, "imported but not in ci/boundary-contract.txt: \(missing)")
    }
}
