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

    @Test func aCommandsBuildNeedsItsCommands() {
        let json = yaml.replacingOccurrences(of: "autotools", with: "commands")
        let error = #expect(throws: SeamError.self) { try read("{\"libraries\": [\(json)]}") }
        #expect(error?.description == "library libyaml: build.commands goes with build.system \"commands\", and holds at least one command")
    }
}

/// The commands recipe, run for real with the toolchain's clang: the user's own steps see the
/// variant's compiler and flags, install into $PREFIX, and a shared copy is removed so that
/// nothing links or loads the uninstrumented library by its name.
@Suite struct CommandsRecipe {
    @Test func theCommandsBuildAStaticLibraryWithTheVariantsFlags() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("seam-commands-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let source = root.appendingPathComponent("demo")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try "int demo(void) { return 42; }\n".write(to: source.appendingPathComponent("demo.c"), atomically: true, encoding: .utf8)
        try "int demo(void);\n".write(to: source.appendingPathComponent("demo.h"), atomically: true, encoding: .utf8)
        let library = CLibrary(
            name: "demo", modules: ["Demo"], source: .init(folder: source.path),
            build: .init(system: .commands, commands: [
                "$CC $CFLAGS -c demo.c -o demo.o && echo \"cflags: $CFLAGS\" > flags.txt",
                "$AR rcs libdemo.a demo.o && $CC -shared -o libdemo.so demo.o",
                "mkdir -p \"$PREFIX/lib\" \"$PREFIX/include\" && cp libdemo.a libdemo.so \"$PREFIX/lib\" && cp demo.h flags.txt \"$PREFIX/include\"",
                "test \"$JOBS\" -ge 1",
            ]),
            pkgConfig: .init(name: "demo", libs: "-ldemo")
        )
        let project = Project(root: root)
        let prefix = try InstrumentedLibraries(project: project, declarations: .init(libraries: [library])).build(library, .address)
        let installed = try FileManager.default.contentsOfDirectory(atPath: prefix.appendingPathComponent("lib").path).sorted()
        #expect(installed == ["libdemo.a", "pkgconfig"])
        let flags = try String(contentsOf: prefix.appendingPathComponent("include/flags.txt"), encoding: .utf8)
        #expect(flags.contains("-fsanitize=fuzzer-no-link,address"))
    }

    @Test func aFailingCommandIsNamedWithItsLog() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("seam-commands-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("src"), withIntermediateDirectories: true)
        let library = CLibrary(
            name: "broken", modules: ["Broken"], source: .init(folder: root.appendingPathComponent("src").path),
            build: .init(system: .commands, commands: ["echo building; exit 3"]), pkgConfig: .init(name: "broken", libs: "-lbroken")
        )
        let error = #expect(throws: SeamError.self) {
            try InstrumentedLibraries(project: Project(root: root), declarations: .init(libraries: [library])).build(library, .none)
        }
        let message = error?.description ?? ""
        #expect(message.hasPrefix("`sh -c echo building; exit 3` failed (exit 3) in "), "\(message)")
        #expect(message.contains("/.seam/deps/logs/none-broken.log, ends:\n"), "\(message)")
        #expect(message.hasSuffix("building"), "\(message)")
    }
}
