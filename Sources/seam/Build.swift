import ArgumentParser
import Foundation
import SeamTool

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the fuzz targets for one variant, in its own scratch path (.build-<variant>).")

    @OptionGroup var package: PackageOptions
    @OptionGroup var buildOptions: BuildOptions
    @Flag(help: "Instrument for source-based coverage (profile-generate + coverage mapping); a plain replay build.")
    var coverage = false
    @Flag(help: "Print the variant's swift build flags (with --coverage, the coverage flags added to it) and build nothing: for scripts that build elsewhere, such as the OSS-Fuzz build.")
    var printFlags = false
    @Argument(help: "Targets to build (default: every target).")
    var targets: [String] = []

    func run() throws {
        if printFlags {
            print((buildOptions.variant ?? .address).compilerFlags(coverage: coverage).joined(separator: " "))
            return
        }
        let project = try package.project()
        let names = try project.resolve(targets, all: targets.isEmpty)
        let configuration = BuildConfiguration(coverage ? .plain : buildOptions.variant ?? .address, libraries: buildOptions.libs, coverage: coverage)
        try configuration.build(project, products: targets.isEmpty ? [] : names)
        print(project.display(configuration.binaryFolder(in: project)))
    }
}
