import ArgumentParser
import SeamTool

struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add a fuzz target: Fuzz/<Target>/main.swift, its body in Sources/<Module>/, its corpus folders, and its line in Package.swift's list and the module's.",
        discussion: "The body goes into the module named by --module (default: the module of the existing targets whose names share the longest prefix with the new one). It starts as a template that fails on every input until written. The card's `swift build -Xswiftc -sanitize=fuzzer,address` builds the new target at once: the manifest lists it."
    )

    @OptionGroup var package: PackageOptions
    @Argument(help: "The target's name, <Library><What> in UpperCamelCase (e.g. YAMLParse).")
    var name: String
    @Option(help: "The module that holds the target bodies.")
    var module: String?

    func run() throws {
        let added = try TargetScaffold(project: try package.project()).add(name, module: module)
        for file in added.files { print("  \(file)") }
        print("Added \(added.target) to \(added.module): write its body and seeds in Sources/\(added.module)/\(added.target).swift, then `seam seeds \(added.target)` and `seam run \(added.target)`.")
    }
}
