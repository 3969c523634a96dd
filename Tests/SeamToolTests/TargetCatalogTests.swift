import Foundation
import SeamTool
import Testing

@Suite struct TargetCatalogReading {
    let manifest = """
    // swift-tools-version:6.1
    import PackageDescription

    let fuzzTargets: [(name: String, module: String)] = [
        ("ZlibInflate", "ZlibFuzzTargets"),
        // a comment is skipped
        ("ZlibRoundTrip", "ZlibFuzzTargets"),
    ]

    let package = Package(name: "P")

    """

    @Test func readsOneEntryPerLine() throws {
        let catalog = try TargetCatalog(manifest: manifest)
        #expect(catalog.entries == [
            .init(name: "ZlibInflate", module: "ZlibFuzzTargets"),
            .init(name: "ZlibRoundTrip", module: "ZlibFuzzTargets"),
        ])
        #expect(catalog.module(of: "ZlibRoundTrip") == "ZlibFuzzTargets")
    }

    @Test func addKeepsTheListSortedAndTheRestOfTheManifest() throws {
        var catalog = try TargetCatalog(manifest: manifest)
        try catalog.add(.init(name: "ZlibDeflate", module: "ZlibFuzzTargets"))
        #expect(catalog.names == ["ZlibDeflate", "ZlibInflate", "ZlibRoundTrip"])
        #expect(catalog.manifest == """
        // swift-tools-version:6.1
        import PackageDescription

        let fuzzTargets: [(name: String, module: String)] = [
            ("ZlibDeflate", "ZlibFuzzTargets"),
            ("ZlibInflate", "ZlibFuzzTargets"),
            ("ZlibRoundTrip", "ZlibFuzzTargets"),
        ]

        let package = Package(name: "P")

        """)
        #expect(throws: SeamError("target ZlibDeflate is already in Package.swift's list")) {
            try catalog.add(.init(name: "ZlibDeflate", module: "Other"))
        }
    }

    @Test func anEmptyListTakesItsFirstEntry() throws {
        var catalog = try TargetCatalog(manifest: TargetCatalog.listText([]))
        #expect(catalog.entries.isEmpty)
        try catalog.add(.init(name: "A", module: "M"))
        #expect(catalog.manifest == "let fuzzTargets: [(name: String, module: String)] = [\n    (\"A\", \"M\"),\n]\n")
    }

    @Test func aManifestWithoutAListOrWithAStrangeLineIsRefused() {
        #expect(throws: SeamError("Package.swift has no fuzz target list (`let fuzzTargets: [(name: String, module: String)] = [`); `seam init` writes one")) {
            try TargetCatalog(manifest: "let package = Package(name: \"P\")\n")
        }
        let strange = manifest.replacingOccurrences(of: "(\"ZlibInflate\", \"ZlibFuzzTargets\"),", with: "names.map { ($0, \"M\") },")
        #expect(throws: SeamError("Package.swift's fuzz target list: cannot read `names.map { ($0, \"M\") },` (one `(\"Target\", \"Module\"),` per line)")) {
            try TargetCatalog(manifest: strange)
        }
    }
}

@Suite struct TargetScaffolding {
    @Test func addWritesTheTargetAndBothLists() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("seam-scaffold-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try (TargetCatalog.listText([.init(name: "ZlibInflate", module: "ZlibFuzzTargets")]) + "let package = Package(name: \"P\")\n")
            .write(to: root.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        let scaffold = TargetScaffold(project: Project(root: root))

        let added = try scaffold.add("ZlibDeflate")
        #expect(added.module == "ZlibFuzzTargets", "the one module the targets use")
        #expect(added.files == [
            "Fuzz/ZlibDeflate/main.swift", "Sources/ZlibFuzzTargets/ZlibDeflate.swift", "Sources/ZlibFuzzTargets/FuzzTargetList.swift",
            "Corpus/ZlibDeflate", "Corpus/Regressions/ZlibDeflate", "Package.swift",
        ])
        #expect(try Project(root: root).catalog().names == ["ZlibDeflate", "ZlibInflate"])
        #expect(try String(contentsOf: root.appendingPathComponent("Fuzz/ZlibDeflate/main.swift"), encoding: .utf8)
            == "import ZlibFuzzTargets\nimport SeamFuzz\n\nfuzzMain(ZlibDeflate.self)\n")
        _ = try scaffold.add("ZlibAdler", module: "ZlibFuzzTargets")
        let list = try String(contentsOf: scaffold.moduleList("ZlibFuzzTargets"), encoding: .utf8)
        #expect(list.hasSuffix("= [\n    ZlibAdler.self,\n    ZlibDeflate.self,\n]\n"), "\(list)")
        #expect(throws: SeamError("target ZlibAdler is already in Package.swift's list")) { try scaffold.add("ZlibAdler") }
        #expect(throws: SeamError("'zlib' is not an UpperCamelCase Swift type name")) { try scaffold.add("zlib") }
    }
}

@Suite struct InitRecipes {
    func tree(_ files: [String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("seam-tree-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for file in files { FileManager.default.createFile(atPath: root.appendingPathComponent(file).path, contents: Data()) }
        return root
    }

    @Test(arguments: [
        (["meson.build", "CMakeLists.txt"], CLibrary.BuildSystem.meson),
        (["CMakeLists.txt", "Makefile"], .cmake),
        (["configure.ac", "CMakeLists.txt", "Makefile.am"], .autotools),
        (["configure", "CMakeLists.txt", "Makefile.in"], .commands),
        (["Makefile"], .commands),
    ])
    func theRecipeFollowsTheSourceTree(files: [String], system: CLibrary.BuildSystem) throws {
        let root = try tree(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let (recipe, reason) = try PackageInit.recipe(for: root)
        #expect(recipe.system == system)
        #expect(!reason.isEmpty)
        #expect((recipe.commands != nil) == (system == .commands))
    }

    @Test func debiansRulesNameTheBuildSystem() throws {
        let root = try tree(["configure", "CMakeLists.txt"])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("debian"), withIntermediateDirectories: true)
        try "%:\n\tdh $@ --buildsystem=cmake\n".write(to: root.appendingPathComponent("debian/rules"), atomically: true, encoding: .utf8)
        #expect(try PackageInit.recipe(for: root).0.system == .cmake)
    }

    @Test func aHandWrittenConfigureGetsOnlyThePrefix() throws {
        let root = try tree(["configure"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try PackageInit.recipe(for: root).0.commands == ["./configure --prefix=\"$PREFIX\"", "make -j\"$JOBS\"", "make install"])
    }

    @Test func aTreeWithNoBuildFilesIsRefused() throws {
        let root = try tree(["README"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: SeamError.self) { try PackageInit.recipe(for: root) }
    }

    @Test(arguments: [("zlib", "Zlib"), ("yaml-0.1", "Yaml"), ("libxml-2.0", "Xml"), ("libsodium", "Sodium")])
    func moduleNamesComeFromThePkgConfigName(pkgConfig: String, swift: String) {
        #expect(PackageInit.swiftName(for: pkgConfig) == swift)
    }
}

@Suite struct InitWriting {
    let zlib = PackageInit.Library(
        swiftName: "Zlib",
        declaration: CLibrary(name: "zlib", modules: ["Zlib"], source: .init(debian: "zlib", installedPackage: "zlib1g-dev"),
                              build: .init(system: .commands, commands: ["./configure --prefix=\"$PREFIX\""]),
                              pkgConfig: .init(name: "zlib", libs: "-lz")),
        headers: ["zlib.h"], aptPackage: "zlib1g-dev", recipeReason: "a configure script")

    func folder() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("seam-init-\(UUID().uuidString)/zfuzz")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    func read(_ root: URL, _ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func anEmptyFolderGetsAWholePackage() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let written = try PackageInit(root: root, seamLocation: "/src/seam").write(zlib, target: "ZlibRoundTrip")
        #expect(written.files == [
            ".gitignore", "Package.swift", "Sources/CZlib/module.modulemap", "Sources/CZlib/shim.h", "Sources/Zlib/Zlib.swift",
            "Tests/ZlibTests/CorpusReplay.swift", "ci/boundary-contract.txt", "seam-libraries.json",
            "Fuzz/ZlibRoundTrip/main.swift", "Sources/ZlibFuzzTargets/ZlibRoundTrip.swift", "Sources/ZlibFuzzTargets/FuzzTargetList.swift",
            "Corpus/ZlibRoundTrip", "Corpus/Regressions/ZlibRoundTrip",
        ])
        let manifest = try read(root, "Package.swift")
        #expect(manifest.hasPrefix("// swift-tools-version:6.1\nimport PackageDescription\n\nlet package = Package(\n    name: \"zfuzz\","))
        #expect(manifest.contains("package.dependencies.append(.package(name: \"Seam\", path: \"/src/seam\"))\n"))
        #expect(manifest.contains(".systemLibrary(name: \"CZlib\", pkgConfig: \"zlib\", providers: [.apt([\"zlib1g-dev\"])]),"))
        #expect(try TargetCatalog(manifest: manifest).entries == [.init(name: "ZlibRoundTrip", module: "ZlibFuzzTargets")])
        #expect(try read(root, "Sources/CZlib/shim.h") == "#ifndef SEAM_CZLIB_SHIM_H\n#define SEAM_CZLIB_SHIM_H\n#include <zlib.h>\n#endif\n")
        #expect(try read(root, ".gitignore") == ".build*\n.seam/\nPackage.resolved\n")
        #expect(try LibraryDeclarations.read(root.appendingPathComponent("seam-libraries.json")).libraries == [zlib.declaration])
    }

    @Test func anExistingPackageIsExtendedNotRewritten() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let original = """
        // swift-tools-version:6.1
        import PackageDescription

        let package = Package(
            name: "App",
            dependencies: [.package(url: "https://example.com/org/seam", from: "0.1.0")],
            targets: [.target(name: "App")]
        )

        """
        try original.write(to: root.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        try "build/\n.seam/".write(to: root.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
        _ = try PackageInit(root: root, seamLocation: "/src/seam").write(zlib, target: "ZlibRoundTrip")
        let manifest = try read(root, "Package.swift")
        #expect(manifest.hasPrefix(original))
        #expect(!manifest.contains("package.dependencies.append"), "it already depends on Seam")
        #expect(try read(root, ".gitignore") == "build/\n.seam/\n.build*\nPackage.resolved\n")

        // A second library adds its modules and declaration, and shares the one target list.
        var yaml = zlib
        yaml.swiftName = "YAML"
        yaml.declaration.name = "yaml"
        _ = try PackageInit(root: root, seamLocation: "/src/seam").write(yaml, target: "YAMLParse")
        let twice = try read(root, "Package.swift")
        #expect(twice.components(separatedBy: TargetCatalog.declaration).count == 2)
        #expect(try TargetCatalog(manifest: twice).names == ["YAMLParse", "ZlibRoundTrip"])
        #expect(try LibraryDeclarations.read(root.appendingPathComponent("seam-libraries.json")).libraries.map(\.name) == ["zlib", "yaml"])
        #expect(throws: SeamError("Package.swift already declares CZlib: pass another --name")) {
            try PackageInit(root: root, seamLocation: "/src/seam").write(zlib, target: "ZlibOther")
        }
    }
}
