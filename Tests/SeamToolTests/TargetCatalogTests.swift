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
