import ArgumentParser
import Foundation
import SeamTool

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the fuzz targets for one variant, in its own scratch path (.build-<variant>).")

    @OptionGroup var package: PackageOptions
    @Option(help: "address (libFuzzer+ASan, default), undefined, thread, none (libFuzzer only) or plain (reproducers, no libFuzzer).")
    var sanitizer: Variant = .address
    @Option(help: "system or instrumented copies of the declared C libraries (default: instrumented for libFuzzer builds).")
    var libs: Libraries?
    @Flag(help: "Instrument for source-based coverage (profile-generate + coverage mapping); a plain replay build.")
    var coverage = false
    @Argument(help: "Targets to build (default: every target).")
    var targets: [String] = []

    func run() throws {
        let project = try package.project()
        let names = try project.resolve(targets, all: targets.isEmpty)
        let configuration = BuildConfiguration(coverage ? .plain : sanitizer, libraries: libs, coverage: coverage)
        try configuration.build(project, products: targets.isEmpty ? [] : names)
        print(project.display(configuration.binaryFolder(in: project)))
    }
}
