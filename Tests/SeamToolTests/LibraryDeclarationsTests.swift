import Foundation
import SeamTool
import Testing

@Suite struct LibraryDeclarationFile {
    func read(_ json: String) throws(SeamError) -> LibraryDeclarations {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("seam-libraries-\(UUID().uuidString).json")
        try? json.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try LibraryDeclarations.read(file)
    }

    let yaml = """
        {"name": "libyaml", "modules": ["YAML"], "source": {"debian": "libyaml", "installedPackage": "libyaml-dev"},
         "build": {"system": "autotools"}, "pkgConfig": {"name": "yaml-0.1", "libs": "-lyaml"}}
        """

    @Test func thisPackageDeclaresBothLibraries() throws {
        let declarations = try LibraryDeclarations.read(packageRoot.appendingPathComponent("seam-libraries.json"))
        #expect(declarations.libraries.map(\.name) == ["zstd", "libxml2"])
        #expect(declarations.libraries.map(\.build.system) == [.make, .autotools])
        #expect(declarations.libraries.map(\.pkgConfig.name) == ["libzstd", "libxml-2.0"])
    }

    @Test func aMinimalEntryDecodes() throws {
        let library = try #require(try read("{\"libraries\": [\(yaml)]}").libraries.first)
        #expect(library.source.debian == "libyaml")
        #expect(library.build.install == nil)
    }

    @Test func aMissingFieldIsNamed() {
        let json = "{\"libraries\": [{\"name\": \"x\", \"modules\": [\"X\"], \"source\": {\"folder\": \"x\"}, \"build\": {\"system\": \"make\", \"libraries\": [\"x.a\"]}}]}"
        let error = #expect(throws: SeamError.self) { try read(json) }
        #expect(error?.description.hasSuffix(": missing field libraries[0].pkgConfig") == true, "\(error?.description ?? "")")
    }

    @Test(arguments: [
        ("{\"debian\": \"libyaml\", \"folder\": \"yaml\", \"installedPackage\": \"libyaml-dev\"}", "give exactly one of source.debian and source.folder"),
        ("{}", "give exactly one of source.debian and source.folder"),
        ("{\"debian\": \"libyaml\"}", "a Debian source needs installedPackage"),
    ])
    func aSourceIsExactlyOneThing(source: String, message: String) {
        let json = yaml.replacingOccurrences(of: "{\"debian\": \"libyaml\", \"installedPackage\": \"libyaml-dev\"}", with: source)
        let error = #expect(throws: SeamError.self) { try read("{\"libraries\": [\(json)]}") }
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }

    @Test func anUnknownBuildSystemIsRefused() {
        let json = yaml.replacingOccurrences(of: "autotools", with: "bazel")
        let error = #expect(throws: SeamError.self) { try read("{\"libraries\": [\(json)]}") }
        #expect(error?.description.contains(": libraries[0].build.system: ") == true, "\(error?.description ?? "")")
    }

    @Test func aPlainMakeBuildMustSayWhatItInstalls() {
        let json = yaml.replacingOccurrences(of: "autotools", with: "make")
        let error = #expect(throws: SeamError.self) { try read("{\"libraries\": [\(json)]}") }
        #expect(error?.description == "library libyaml: a make build needs build.libraries, the files it installs into lib/")
    }
}
