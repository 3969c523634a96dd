import ArgumentParser
import Foundation
import SeamTool

struct DepsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deps",
        abstract: "Build the declared C libraries instrumented for a variant (address, undefined, thread, none, coverage).",
        discussion: """
        Builds every library in seam-libraries.json from its Debian source package (the installed \
        version, or another revision of the same upstream version when that one cannot be \
        downloaded) or its source folder, with the Swift toolchain's clang, into \
        <work>/deps/<variant>/<library>/ with a .pc file, and prints the PKG_CONFIG_PATH that \
        switches a build to them. Kept until the version, recipe or flags change. Downloaded \
        source packages are cached in $SEAM_CACHE (default ~/.cache/seam). \
        `seam deps --which <binary>` says which copy of each library a binary links.
        """
    )

    @OptionGroup var package: PackageOptions
    @Argument(help: "The variants to build libraries for.")
    var variants: [String] = []
    @Option(help: ArgumentHelp("Build a library from this source tree instead of its declared source (repeatable).", valueName: "library=dir"))
    var source: [String] = []
    @Option(help: "Report which copy of each declared library this binary links, and exit.")
    var which: String?

    func run() throws {
        let project = try package.project()
        var libraries = try InstrumentedLibraries(project: project)
        if let which {
            for library in libraries.declarations.libraries {
                print(try SystemLibrary(library).linkage(of: URL(fileURLWithPath: which)))
            }
            return
        }
        guard !variants.isEmpty else { throw ValidationError("name a variant: \(Instrumentation.allCases.map(\.rawValue).joined(separator: ", "))") }
        for pair in source {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, libraries.declarations.libraries.contains(where: { $0.name == parts[0] }) else {
                throw ValidationError("--source wants <library>=<dir> with a declared library (\(libraries.declarations.libraries.map(\.name).joined(separator: ", "))), not \(pair)")
            }
            libraries.sourceOverrides[parts[0]] = URL(fileURLWithPath: parts[1]).standardizedFileURL
        }
        for name in variants {
            guard let variant = Instrumentation(rawValue: name) else {
                throw ValidationError("unknown variant \(name) (\(Instrumentation.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            print(try libraries.build(variant).map(\.path).joined(separator: ":"))
        }
    }
}
