import Foundation

/// `seam init`: makes a folder (empty, or an existing package) fuzz a C library through Seam.
///
/// It writes everything but the wrapper's code and the target's body: the system-library
/// module, the declaration with a build recipe read off the library's source tree, a wrapper
/// module, a targets module with one target that fails until written, the corpus-replay test,
/// the contract file and the ignore lines. The manifest gets one block, appended after
/// `let package = Package(...)`, so an existing manifest is extended, never rewritten.
package struct PackageInit {
    /// The C library as the user named it.
    package enum Origin: Equatable, Sendable {
        /// An installed Debian `-dev` package (`zlib1g-dev`).
        case debianPackage(String)
        /// A pkg-config name (`zlib`), whose installed `-dev` package is looked up.
        case pkgConfig(String)
        /// A source tree, relative to the package root or absolute.
        case folder(String)
    }

    /// What `init` learned about the library and will write.
    package struct Library: Equatable, Sendable {
        /// The Swift name of the wrapper module (`Zlib`); C<name>, <name>FuzzTargets, <name>Tests.
        package var swiftName: String
        package var declaration: CLibrary
        /// The headers the shim includes (`zlib.h`).
        package var headers: [String]
        /// The Debian package that provides it, for the manifest's `providers`.
        package var aptPackage: String?
        /// Why the build recipe is the one chosen.
        package var recipeReason: String

        package init(swiftName: String, declaration: CLibrary, headers: [String], aptPackage: String?, recipeReason: String) {
            (self.swiftName, self.declaration, self.headers, self.aptPackage, self.recipeReason) = (swiftName, declaration, headers, aptPackage, recipeReason)
        }
    }

    package let root: URL
    /// How the manifest names Seam: a path (`.package(name: "Seam", path:)`) or a URL.
    package var seamLocation: String
    package var seamVersion = "0.1.0"

    package init(root: URL, seamLocation: String) {
        self.root = root
        self.seamLocation = seamLocation
    }

    /// The checkout this seam binary was built from, when it is still there: where a package
    /// made by this binary finds Seam unless told otherwise.
    package static var builtFromCheckout: String? {
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let manifest = (try? String(contentsOf: checkout.appendingPathComponent("Package.swift"), encoding: .utf8)) ?? ""
        return manifest.contains("name: \"Seam\"") ? checkout.path : nil
    }

    // MARK: Learning about the library

    /// Reads what the system knows of the library (dpkg, pkg-config) and, from its source
    /// tree (a Debian source package is fetched as `seam deps` fetches it), the recipe that
    /// builds it.
    package func library(_ origin: Origin, swiftName: String? = nil) throws(SeamError) -> Library {
        var aptPackage: String?
        var pkgConfigName: String
        var headers: [String]
        var source: CLibrary.Source
        var tree: URL
        switch origin {
        case .folder(let path):
            tree = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: tree.path) else { throw SeamError("no source tree at \(tree.path)") }
            pkgConfigName = Self.pkgConfigName(inSourceTree: tree) ?? tree.lastPathComponent
            headers = Self.topLevelHeaders(in: tree, matching: pkgConfigName)
            source = CLibrary.Source(folder: path)
        case .debianPackage(let name), .pkgConfig(let name):
            let package: String
            if case .debianPackage = origin {
                package = name
            } else {
                package = try Self.debianPackage(providingPkgConfig: name)
            }
            let files = try Self.installedFiles(of: package)
            guard let pc = files.first(where: { $0.hasSuffix(".pc") }) else {
                throw SeamError("\(package) installs no pkg-config file: give its source folder instead (`seam init path/to/source`)")
            }
            if case .pkgConfig(let given) = origin {
                pkgConfigName = given
            } else {
                pkgConfigName = URL(fileURLWithPath: pc).deletingPathExtension().lastPathComponent
            }
            let includeFolder = try Self.includeFolder(pkgConfigName)
            let installed = files.filter { $0.hasPrefix(includeFolder + "/") && $0.hasSuffix(".h") }
                .map { String($0.dropFirst(includeFolder.count + 1)) }.filter { !$0.contains("/") }
            headers = Self.preferred(installed, matching: pkgConfigName)
            let sourcePackage = try Self.capture("/usr/bin/dpkg-query", ["-W", "-f=${source:Package}", package])
            source = CLibrary.Source(debian: sourcePackage, installedPackage: package)
            aptPackage = package
            let probe = CLibrary.debianSource(sourcePackage, installedPackage: package)
            tree = try InstrumentedLibraries(project: Project(root: root), declarations: LibraryDeclarations(libraries: [probe])).sourceTree(probe).0
        }
        guard !headers.isEmpty else { throw SeamError("found no header of \(pkgConfigName) to include: write Sources/C…/shim.h by hand") }
        let swiftName = swiftName ?? Self.swiftName(for: pkgConfigName)
        let (recipe, reason) = try Self.recipe(for: tree)
        let libs = (try? Self.capture(Self.pkgConfig, ["--libs", pkgConfigName]))
            ?? "-l\(swiftName.lowercased())"
        let includeSubfolder = (try? Self.includeFolder(pkgConfigName)).flatMap { folder in
            folder == "/usr/include" ? nil : URL(fileURLWithPath: folder).lastPathComponent
        }
        let declaration = CLibrary(
            name: pkgConfigName.split(separator: "-").first.map(String.init) ?? pkgConfigName,
            modules: [swiftName], source: source, build: recipe,
            pkgConfig: .init(name: pkgConfigName, libs: libs, includeSubfolder: includeSubfolder)
        )
        return Library(swiftName: swiftName, declaration: declaration, headers: headers, aptPackage: aptPackage, recipeReason: reason)
    }

    /// The build recipe for a source tree, and why: the build system Debian's rules name
    /// (`--buildsystem=cmake`), else the one debhelper would pick, which tries a configure
    /// script first, then meson, CMake and a Makefile. A distribution's source is built and
    /// tested the way its rules build it: zlib's CMakeLists.txt, say, names files that
    /// Debian's source leaves out, while its configure works.
    package static func recipe(for tree: URL) throws(SeamError) -> (CLibrary.Recipe, String) {
        let has = { (name: String) in FileManager.default.fileExists(atPath: tree.appendingPathComponent(name).path) }
        let rules = (try? String(contentsOf: tree.appendingPathComponent("debian/rules"), encoding: .utf8)) ?? ""
        let named = ["cmake", "meson"].first { rules.contains("--buildsystem=\($0)") || rules.contains("-S\($0)") || rules.contains("--buildsystem \($0)") }
        if named == "meson" || (named == nil && !has("configure") && has("meson.build")) {
            return (.init(system: .meson), "\(named != nil ? "debian/rules builds with meson" : "meson.build, no configure script"): meson setup --default-library=static, compile, install")
        }
        if named == "cmake" || (named == nil && !has("configure") && !has("configure.ac") && has("CMakeLists.txt")) {
            return (.init(system: .cmake), "\(named != nil ? "debian/rules builds with cmake" : "CMakeLists.txt, no configure script"): cmake -DBUILD_SHARED_LIBS=OFF, build, install")
        }
        let configure = (try? String(contentsOf: tree.appendingPathComponent("configure"), encoding: .utf8)) ?? ""
        if has("configure.ac") || has("configure.in") || configure.contains("Generated by GNU Autoconf") {
            let generate = has("configure") ? "" : "autoreconf -fi (autoconf, automake, libtool), then "
            return (.init(system: .autotools), "an autoconf build, as debhelper would build it: \(generate)./configure --disable-shared --enable-static, make, make install")
        }
        if has("configure") {
            let commands = ["./configure --prefix=\"$PREFIX\"", "make -j\"$JOBS\"", "make install"]
            return (.init(system: .commands, commands: commands),
                    "a configure script not made by autoconf, as debhelper would build it: run with the prefix only, since such scripts refuse autoconf's --disable-shared (the shared copies it installs are removed)")
        }
        if has("Makefile") || has("makefile") {
            let commands = ["make -j\"$JOBS\" CC=\"$CC\" CFLAGS=\"$CFLAGS\" LDFLAGS=\"$LDFLAGS\"", "make install PREFIX=\"$PREFIX\""]
            return (.init(system: .commands, commands: commands),
                    "only a Makefile: make with the toolchain, installed with PREFIX; check that it installs the static library and headers into $PREFIX")
        }
        throw SeamError("\(tree.path) has no configure, meson.build, CMakeLists.txt or Makefile: declare build.system \"commands\" with your own build steps")
    }

    /// The `-dev` package that installed a pkg-config file.
    static func debianPackage(providingPkgConfig name: String) throws(SeamError) -> String {
        let folder: String
        do { folder = try capture(pkgConfig, ["--variable=pcfiledir", name]) } catch {
            throw SeamError("pkg-config knows no \(name): install its -dev package (apt-get install <lib>-dev) and pass that, or give a source folder")
        }
        let owner = try capture("/usr/bin/dpkg-query", ["-S", "\(folder)/\(name).pc"])
        guard let package = owner.split(separator: ":").first, !package.isEmpty else {
            throw SeamError("no Debian package owns \(folder)/\(name).pc: pass the -dev package, or a source folder")
        }
        return String(package)
    }

    static func installedFiles(of package: String) throws(SeamError) -> [String] {
        do {
            return try capture("/usr/bin/dpkg-query", ["-L", package]).split(separator: "\n").map(String.init)
        } catch {
            throw SeamError("\(package) is not installed: apt-get install \(package) (as root), then run seam init again")
        }
    }

    /// The folder pkg-config puts on the include path (`/usr/include/libxml2`), or /usr/include.
    static func includeFolder(_ pkgConfigName: String) throws(SeamError) -> String {
        let flags = try capture(pkgConfig, ["--cflags-only-I", pkgConfigName])
        return flags.split(separator: " ").first { $0.hasPrefix("-I") }.map { String($0.dropFirst(2)) } ?? "/usr/include"
    }

    static func pkgConfigName(inSourceTree tree: URL) -> String? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: tree.path)) ?? []
        return names.sorted().first { $0.hasSuffix(".pc.in") }.map { String($0.dropLast(".pc.in".count)) }
    }

    static func topLevelHeaders(in tree: URL, matching name: String) -> [String] {
        for folder in ["include", "."] {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: tree.appendingPathComponent(folder).path)) ?? []).filter { $0.hasSuffix(".h") }
            if !names.isEmpty { return preferred(names, matching: name) }
        }
        return []
    }

    /// The header named after the library (zlib.h for zlib, yaml.h for yaml-0.1), else all.
    static func preferred(_ headers: [String], matching pkgConfigName: String) -> [String] {
        let base = pkgConfigName.split(separator: "-").first.map(String.init) ?? pkgConfigName
        let stems = [base, base.hasPrefix("lib") ? String(base.dropFirst(3)) : "lib" + base]
        let named = headers.filter { stems.contains(String($0.dropLast(2))) }.sorted()
        return named.isEmpty ? headers.sorted() : [named[0]]
    }

    /// `Zlib` for zlib, `Yaml` for yaml-0.1, `Xml` for libxml-2.0: a module name.
    package static func swiftName(for pkgConfigName: String) -> String {
        var base = pkgConfigName.split(separator: "-").first.map(String.init) ?? pkgConfigName
        if base.hasPrefix("lib"), base.count > 3 { base.removeFirst(3) }
        let letters = base.filter { $0.isLetter || $0.isNumber }
        return letters.prefix(1).uppercased() + letters.dropFirst()
    }

    static var pkgConfig: String { executableInPath("pkg-config")?.path ?? "/usr/bin/pkg-config" }

    static func capture(_ program: String, _ arguments: [String]) throws(SeamError) -> String {
        let result: (status: Int32, output: String)
        do { result = try captureProgram(URL(fileURLWithPath: program), arguments) } catch {
            throw SeamError("cannot run \(program): \(error)")
        }
        guard result.status == 0 else { throw SeamError("\(program) \(arguments.joined(separator: " ")) failed: \(result.output)") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: Writing

    /// What `write` did: the files, relative to the root, and the commands to run next.
    package struct Written: Equatable {
        package var files: [String]
        package var target: String
    }

    /// Writes the package for `library` with one target, `target`.
    package func write(_ library: Library, target: String) throws(SeamError) -> Written {
        let name = library.swiftName, targets = "\(name)FuzzTargets"
        guard TargetCatalog.isTypeName(name), TargetCatalog.isTypeName(target) else {
            throw SeamError("'\(name)' and '\(target)' must be UpperCamelCase Swift names (pass --name)")
        }
        let manifestFile = root.appendingPathComponent("Package.swift")
        let existing = try? String(contentsOf: manifestFile, encoding: .utf8)
        for module in ["C\(name)", name, targets, "\(name)Tests"] where existing?.contains("name: \"\(module)\"") == true {
            throw SeamError("Package.swift already declares \(module): pass another --name")
        }
        var manifest = existing ?? newManifest(products: name)
        let firstLibrary = !manifest.contains(TargetCatalog.declaration)
        var declarations = (try? LibraryDeclarations.read(root.appendingPathComponent(LibraryDeclarations.fileName))) ?? LibraryDeclarations(libraries: [])
        guard !declarations.libraries.contains(where: { $0.name == library.declaration.name }) else {
            throw SeamError("\(LibraryDeclarations.fileName) already declares \(library.declaration.name)")
        }
        if firstLibrary {
            // A package that already depends on Seam (to run `swift package seam init`) keeps
            // its own dependency line.
            let dependsOnSeam = existing?.range(of: #"\.package\([^)]*[Ss]eam"#, options: .regularExpression) != nil
            manifest += seamBlock(addingDependency: !dependsOnSeam)
        }
        manifest += libraryBlock(library)
        declarations.libraries.append(library.declaration)

        var files: [String] = []
        func put(_ text: String, _ path: String, keep: Bool = false) throws(SeamError) {
            let file = root.appendingPathComponent(path)
            if keep, FileManager.default.fileExists(atPath: file.path) { return }
            try SeamTool.write(text, to: file)
            files.append(path)
        }
        try put(manifest, "Package.swift")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(declarations)).map { String(decoding: $0, as: UTF8.self) + "\n" } ?? ""
        try put(json, LibraryDeclarations.fileName)
        try put("module C\(name) [system] {\n    header \"shim.h\"\n    export *\n}\n", "Sources/C\(name)/module.modulemap")
        let guardName = "SEAM_C\(name.uppercased())_SHIM_H"
        try put("#ifndef \(guardName)\n#define \(guardName)\n" + library.headers.map { "#include <\($0)>\n" }.joined() + "#endif\n", "Sources/C\(name)/shim.h")
        try put(wrapperTemplate(library), "Sources/\(name)/\(name).swift", keep: true)
        try put(testTemplate(name: name, targets: targets), "Tests/\(name)Tests/CorpusReplay.swift", keep: true)
        try put(contractTemplate(library), "ci/boundary-contract.txt", keep: true)
        try put(ignoreLines(), ".gitignore")
        files = Array(Set(files)).sorted()

        let project = Project(root: root)
        let added = try TargetScaffold(project: project).add(target, module: targets)
        files += added.files.filter { !files.contains($0) }
        return Written(files: files, target: target)
    }

    private func newManifest(products name: String) -> String {
        """
        // swift-tools-version:6.1
        import PackageDescription

        let package = Package(
            name: "\(root.lastPathComponent)",
            platforms: [.macOS(.v15)],
            products: [.library(name: "\(name)", targets: ["\(name)"])],
            swiftLanguageModes: [.v6]
        )

        """
    }

    private var seamDependency: String {
        seamLocation.contains("://")
            ? ".package(url: \"\(seamLocation)\", from: \"\(seamVersion)\")"
            : ".package(name: \"Seam\", path: \"\(seamLocation)\")"
    }

    private func seamBlock(addingDependency: Bool) -> String {
        let dependency = addingDependency ? "package.dependencies.append(\(seamDependency))\n" : ""
        return """

        // Fuzzing through Seam (written by `seam init`). The fuzz targets, one line each: an
        // executable Fuzz/<name>/ linking the module that holds its body. `seam add` keeps the
        // list; it is written out so that SwiftPM, which caches this file by its text, always
        // sees every target.
        \(TargetCatalog.listText([]))
        \(dependency)package.targets += fuzzTargets.map { target in
            .executableTarget(
                name: target.name,
                dependencies: [.target(name: target.module), .product(name: "SeamFuzz", package: "Seam")],
                path: "Fuzz/\\(target.name)"
            )
        }

        """
    }

    private func libraryBlock(_ library: Library) -> String {
        let name = library.swiftName
        let providers = library.aptPackage.map { ", providers: [.apt([\"\($0)\"])]" } ?? ""
        return """

        // \(library.declaration.name) (written by `seam init`): its C module, the safe wrapper, the fuzz
        // target bodies and the tests.
        package.targets += [
            .systemLibrary(name: "C\(name)", pkgConfig: "\(library.declaration.pkgConfig.name)"\(providers)),
            .target(name: "\(name)", dependencies: ["C\(name)", .product(name: "SeamBoundary", package: "Seam")]),
            .target(name: "\(name)FuzzTargets", dependencies: ["\(name)", .product(name: "SeamFuzz", package: "Seam")]),
            .testTarget(
                name: "\(name)Tests",
                dependencies: ["\(name)", "\(name)FuzzTargets", .product(name: "SeamFuzzTesting", package: "Seam")]
            ),
        ]

        """
    }

    private func wrapperTemplate(_ library: Library) -> String {
        """
        import C\(library.swiftName)
        import SeamBoundary

        // The safe Swift API of \(library.declaration.name): the only Swift that touches its C functions.
        // Give each call a typed error, bounded output and one owner per C handle; record each
        // fallible call with `Boundary.record("c_function", ok: ...)` for `seam contract`, check
        // each output capacity with `Boundary.capacity(_:of:for:)` and narrow each length for C
        // with `Boundary.narrow(_:to:)`.

        """
    }

    private func testTemplate(name: String, targets: String) -> String {
        """
        import Foundation
        import SeamFuzzTesting
        import Testing
        import \(targets)

        /// Every seed and regression of every target, each target's files in a child process, so an
        /// input that crashes names itself.
        @Suite struct CorpusReplay {
            static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

            @Test(arguments: \(targets).fuzzTargets.map(FuzzTargetCase.init))
            func replaysSeedsAndRegressions(_ target: FuzzTargetCase) throws {
                try FuzzTargetTests.replayCorpus(of: target.type, packageRoot: Self.packageRoot)
                FuzzTargetTests.checkSeeds(of: target.type, packageRoot: Self.packageRoot)
            }
        }

        """
    }

    private func contractTemplate(_ library: Library) -> String {
        """
        # The boundary contract of \(library.declaration.name): one line per C function the wrapper imports.
        # `seam contract` fails on an imported function with no line here.
        #
        # function                            class       reason

        """
    }

    /// The package's .gitignore with the lines Seam needs added.
    private func ignoreLines() -> String {
        let file = root.appendingPathComponent(".gitignore")
        var text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        let lines = Set(text.split(separator: "\n").map(String.init))
        for line in [".build*", ".seam/", "Package.resolved"] where !lines.contains(line) {
            if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
            text += line + "\n"
        }
        return text
    }
}
