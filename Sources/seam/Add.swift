import ArgumentParser
import Foundation

struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scaffold a fuzz target: Fuzz/<Target>/main.swift, its body in FuzzTargets, an empty seed folder.",
        discussion: "Package.swift finds Fuzz/ folders itself, so the new target builds with no manifest edit. The body starts as a template to fill in."
    )

    @OptionGroup var package: PackageOptions
    @Argument(help: "The target's name, <Library><What> in UpperCamelCase (e.g. ZstdFrameInfo).")
    var name: String

    func validate() throws {
        guard name.range(of: "^[A-Z][A-Za-z0-9]*$", options: .regularExpression) != nil else {
            throw ValidationError("'\(name)' is not an UpperCamelCase Swift type name")
        }
    }

    func run() throws {
        let project = try package.project()
        guard !project.targets.contains(name) else { throw SeamError("target \(name) already exists") }
        let registry = project.root.appendingPathComponent("Sources/FuzzTargets/AllTargets.swift")
        guard var registryText = try? String(contentsOf: registry, encoding: .utf8),
              let listStart = registryText.range(of: "allFuzzTargets: [any FuzzTarget.Type] = ["),
              let listEnd = registryText.range(of: "\n]", range: listStart.upperBound..<registryText.endIndex)
        else {
            throw SeamError("cannot find the allFuzzTargets list in \(project.display(registry))")
        }
        registryText.insert(contentsOf: "\n    \(name).self,", at: listEnd.lowerBound)

        let body = project.root.appendingPathComponent("Sources/FuzzTargets/\(name).swift")
        let main = project.targetFolders[0].appendingPathComponent("\(name)/main.swift")
        for file in [body, main] where FileManager.default.fileExists(atPath: file.path) {
            throw SeamError("\(project.display(file)) already exists")
        }
        try ensureFolder(main.deletingLastPathComponent())
        try "import FuzzTargets\nimport SeamFuzz\n\nfuzzMain(\(name).self)\n".write(to: main, atomically: true, encoding: .utf8)
        try template.write(to: body, atomically: true, encoding: .utf8)
        try registryText.write(to: registry, atomically: true, encoding: .utf8)
        for folder in [project.seeds(name), project.regressions(name)] {
            try ensureFolder(folder)
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(".gitkeep").path, contents: nil)
        }
        for file in [main, body, registry, project.seeds(name), project.regressions(name)] {
            print("  \(project.display(file))")
        }
        print("Added \(name): write its body and seeds in \(project.display(body)), then `seam seeds` and `seam run \(name)`.")
    }

    private var template: String {
        """
        import SeamFuzz

        /// What \(name) checks: describe the property, not just "does not crash".
        public enum \(name): FuzzTarget {
            public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
                let data = input.remainingBytes()
                // Call the wrapper under test with `data`; catch its typed errors (bad input is
                // expected) and check properties with `invariant(_:_:)` and `mustSucceed(_:_:)`.
                try invariant(data.count == data.count, "replace with a real property")
            }

            /// Deterministic seeds, written to the corpus by `seam seeds`.
            public static var seeds: [[UInt8]] {
                [[]]
            }
        }

        """
    }
}
