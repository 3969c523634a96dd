import Foundation
import Testing

/// The static half of the boundary contract check (`seam contract` runs the dynamic half):
/// every C function a wrapper module imports has a line in ci/boundary-contract.txt, so a
/// newly imported function fails here until someone says how the tests must reach it.
@Suite struct BoundaryContractFile {
    static let modules = [("Zstd", "libzstd"), ("LibXML2", "libxml2")]

    func tool(_ name: String) throws -> URL {
        let folder = try swiftTool().resolvingSymlinksInPath().deletingLastPathComponent()
        return folder.appendingPathComponent(name)
    }

    func contractFunctions() throws -> Set<String> {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("ci/boundary-contract.txt"), encoding: .utf8)
        return Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { $0.split(separator: " ").first.map(String.init) })
    }

    @Test(arguments: modules.map { $0.0 })
    func everyImportedFunctionIsInTheContract(module: String) throws {
        let library = Self.modules.first { $0.0 == module }!.1
        // The objects of this very build: the test bundle's folder holds <Module>.build.
        let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bundleFolder, packageRoot.appendingPathComponent(".build/debug")]
        let objectsFolder = try #require(candidates.map { $0.appendingPathComponent("\(module).build") }.first { FileManager.default.fileExists(atPath: $0.path) })
        let objects = try FileManager.default.contentsOfDirectory(atPath: objectsFolder.path).filter { $0.hasSuffix(".o") }.map { objectsFolder.appendingPathComponent($0).path }
        #expect(!objects.isEmpty)
        let undefined = try runProgram(try tool("llvm-nm"), ["-u", "--just-symbol-name"] + objects).output
        let cache = try runProgram(URL(fileURLWithPath: "/sbin/ldconfig"), ["-p"]).output
        let line = try #require(cache.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(library + ".so") })
        let shared = try #require(line.components(separatedBy: "=> ").last)
        let exported = try runProgram(try tool("llvm-nm"), ["-D", "--defined-only", "--just-symbol-name", shared]).output
        let exports = Set(exported.split(separator: "\n").map { String($0.split(separator: "@").first ?? $0) })
        let imported = Set(undefined.split(separator: "\n").map(String.init)).intersection(exports)
        #expect(imported.count > 10, "found too few imports of \(library): \(imported.sorted())")
        let missing = imported.subtracting(try contractFunctions())
        #expect(missing.isEmpty, "imported but not in ci/boundary-contract.txt: \(missing.sorted())")
    }
}
