import ArgumentParser
import Foundation

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the fuzz targets for one variant, in its own scratch path (.build-<variant>).")

    @OptionGroup var package: PackageOptions
    @Option(help: "address (libFuzzer+ASan, default), undefined, thread, none (libFuzzer only) or plain (reproducers, no libFuzzer).")
    var sanitizer: Variant = .address
    @Flag(help: "Instrument for source-based coverage (profile-generate + coverage mapping).")
    var coverage = false
    @Flag(inversion: .prefixedNo, help: "Release with debug info (default) or debug.")
    var release = true
    @Argument(help: "Targets to build (default: every target).")
    var targets: [String] = []

    func run() throws {
        let project = try package.project()
        let names = try project.resolve(targets, all: targets.isEmpty)
        try seamBuild(project, variant: sanitizer, release: release, coverage: coverage, products: targets.isEmpty ? [] : names)
    }
}

/// Builds `products` (everything when empty) for a variant; throws with the exit status.
func seamBuild(_ project: Project, variant: Variant, release: Bool, coverage: Bool = false, products: [String] = []) throws {
    var arguments = variant.swiftBuildArguments(release: release, coverage: coverage)
    if products.count == 1 { arguments += ["--product", products[0]] }
    printError("seam: swift \(arguments.joined(separator: " "))")
    let status = try runProgram(try swiftExecutable(), arguments, in: project.root)
    guard status == 0 else { throw SeamError("swift build failed for the \(variant.rawValue) variant (exit \(status))") }
}
