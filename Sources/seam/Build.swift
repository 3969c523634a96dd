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
    @Option(help: "Build this product of the package instead of fuzz targets, with the same flags, libraries and scratch path: a benchmark harness such as NullTarget.")
    var product: String?
    @Argument(help: "Targets to build (default: every target).")
    var targets: [String] = []

    func run() throws {
        if printFlags {
            print((buildOptions.variant ?? .address).compilerFlags(coverage: coverage).joined(separator: " "))
            return
        }
        let project = try package.project()
        let configuration = BuildConfiguration(coverage ? .plain : buildOptions.variant ?? .address, libraries: buildOptions.libs, coverage: coverage)
        if let product {
            guard targets.isEmpty else { throw ValidationError("--product builds one product; name no targets with it") }
            try configuration.build(project, products: [product])
        } else {
            let names = try project.resolve(targets, all: targets.isEmpty)
            try configuration.build(project, products: targets.isEmpty ? [] : names)
        }
        print(project.display(configuration.binaryFolder(in: project)))
    }
}
