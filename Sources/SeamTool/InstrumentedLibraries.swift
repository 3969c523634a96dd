import Foundation

/// Builds every C library a package declares (`seam-libraries.json`) as a static library
/// instrumented for one variant, with the Swift toolchain's own clang (sanitizer runtimes must
/// match), into `<work>/deps/<variant>/<library>/` with a .pc file. A build is kept while its
/// source version, recipe, flags and compiler stay the same.
package struct InstrumentedLibraries {
    package let project: Project
    package let declarations: LibraryDeclarations
    /// Source trees that replace a library's declared source, by library name.
    package var sourceOverrides: [String: URL] = [:]
    package var fetcher: SourceFetcher

    package init(project: Project, declarations: LibraryDeclarations, fetcher: SourceFetcher? = nil) {
        self.project = project
        self.declarations = declarations
        self.fetcher = fetcher ?? SourceFetcher(
            archive: AptSourceArchive(state: project.depsRoot.appendingPathComponent("apt")),
            cache: SourceFetcher.defaultCache,
            unpacked: project.depsRoot.appendingPathComponent("src")
        )
    }

    /// The package's declarations, read from its root.
    package init(project: Project) throws(SeamError) {
        self.init(project: project, declarations: try LibraryDeclarations.read(project.root.appendingPathComponent(LibraryDeclarations.fileName)))
    }

    package func prefix(_ library: CLibrary, _ variant: Instrumentation) -> URL {
        project.depsRoot.appendingPathComponent("\(variant.rawValue)/\(library.name)")
    }

    /// Builds (or keeps) every declared library for `variant`; returns their pkgconfig
    /// folders, a PKG_CONFIG_PATH that switches a build to them.
    package func build(_ variant: Instrumentation) throws(SeamError) -> [URL] {
        var folders: [URL] = []
        for library in declarations.libraries {
            folders.append(try build(library, variant).appendingPathComponent("lib/pkgconfig"))
        }
        return folders
    }

    /// Builds one library; returns its prefix.
    package func build(_ library: CLibrary, _ variant: Instrumentation) throws(SeamError) -> URL {
        let toolchain = try CToolchain(for: variant)
        let (source, version) = try sourceTree(library)
        let prefix = prefix(library, variant)
        // Sorted keys: the key must be the same text in every process.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let recipe = String(decoding: (try? encoder.encode(library)) ?? Data(), as: UTF8.self)
        let key = contentHash(Data(([version, recipe, toolchain.cflags, toolchain.ldflags, toolchain.compilerVersion]).joined(separator: "\n").utf8))
        let keyFile = prefix.appendingPathComponent(".key")
        if (try? String(contentsOf: keyFile, encoding: .utf8)) == key { return prefix }

        printError("seam: building \(library.name) \(version) for \(variant.rawValue) (log: \(project.display(log(library, variant))))")
        try? FileManager.default.removeItem(at: prefix)
        let build = project.depsRoot.appendingPathComponent("build/\(library.name)-\(variant.rawValue)")
        try? FileManager.default.removeItem(at: build)
        try ensureFolder(build.deletingLastPathComponent())
        do { try FileManager.default.copyItem(at: source, to: build) } catch {
            throw SeamError("cannot copy \(source.path) to \(build.path): \(error.localizedDescription)")
        }
        for folder in ["lib/pkgconfig", "include"] { try ensureFolder(prefix.appendingPathComponent(folder)) }
        let step = BuildStep(log: log(library, variant), toolchain: toolchain)
        try ensureFolder(step.log.deletingLastPathComponent())
        _ = FileManager.default.createFile(atPath: step.log.path, contents: nil)
        try LibraryBuilder(library: library, source: build, prefix: prefix, step: step).run()
        try writePkgConfig(library, version: version, variant: variant, prefix: prefix)
        do { try key.write(to: keyFile, atomically: true, encoding: .utf8) } catch {
            throw SeamError("cannot write \(keyFile.path): \(error.localizedDescription)")
        }
        return prefix
    }

    package func log(_ library: CLibrary, _ variant: Instrumentation) -> URL {
        project.depsRoot.appendingPathComponent("logs/\(variant.rawValue)-\(library.name).log")
    }

    /// The library's source tree and a version string for the build key.
    package func sourceTree(_ library: CLibrary) throws(SeamError) -> (URL, String) {
        if let folder = sourceOverrides[library.name] ?? library.source.folder.map(project.resolvePath) {
            guard FileManager.default.fileExists(atPath: folder.path) else { throw SeamError("library \(library.name): no source tree at \(folder.path)") }
            return (folder, "source-\(folder.path)")
        }
        guard let package = library.source.debian, let installedPackage = library.source.installedPackage else {
            throw SeamError("library \(library.name): no source declared")
        }
        let installed = try installedSourceVersion(installedPackage)
        let fetched: SourceFetcher.Fetched
        do throws(SeamError) {
            fetched = try fetcher.fetch(package, installed: installed)
        } catch {
            throw SeamError("\(error.description); pass --source \(library.name)=DIR to build a local source tree instead")
        }
        if let reason = fetched.fallbackReason {
            printError("seam: \(library.name): using Debian source \(package) \(fetched.version) for installed \(installed) (\(reason))")
        }
        return (try fetcher.unpack(fetched), fetched.version)
    }

    /// The version of the source package an installed binary package was built from.
    private func installedSourceVersion(_ package: String) throws(SeamError) -> String {
        let result: (status: Int32, output: String)
        do {
            result = try captureProgram(URL(fileURLWithPath: "/usr/bin/dpkg-query"), ["-W", "-f=${source:Version}", package])
        } catch { throw SeamError("cannot run dpkg-query: \(error)") }
        let version = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard result.status == 0, !version.isEmpty else {
            throw SeamError("\(package) is not installed: install it (apt-get install \(package)) or declare a source folder")
        }
        return version
    }

    private func writePkgConfig(_ library: CLibrary, version: String, variant: Instrumentation, prefix: URL) throws(SeamError) {
        let include = "-I${prefix}/include" + (library.pkgConfig.includeSubfolder.map { "/" + $0 } ?? "")
        let plainVersion = version.hasPrefix("source-") ? "0" : DebianVersion(version).upstream.split(separator: "+").first.map(String.init) ?? "0"
        let text = """
            prefix=\(prefix.path)
            Name: \(library.pkgConfig.name)
            Description: \(library.name) \(version) built by Seam for \(variant.rawValue)
            Version: \(plainVersion)
            Libs: -L${prefix}/lib \(library.pkgConfig.libs)
            Cflags: \(include)

            """
        let file = prefix.appendingPathComponent("lib/pkgconfig/\(library.pkgConfig.name).pc")
        do { try text.write(to: file, atomically: true, encoding: .utf8) } catch {
            throw SeamError("cannot write \(file.path): \(error.localizedDescription)")
        }
    }
}
