import ArgumentParser
import Foundation
import SeamTool

struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scaffold a fuzz target: Fuzz/<Target>/main.swift, its body in Sources/<Module>/, empty seed and regression folders.",
        discussion: "The body goes into the module named by --module (default: the one module the existing targets' main.swift files import besides SeamFuzz). The body starts as a template to fill in; a manifest that lists the Fuzz/ folders itself builds it with no edit."
    )

    @OptionGroup var package: PackageOptions
    @Argument(help: "The target's name, <Library><What> in UpperCamelCase (e.g. YAMLParse).")
    var name: String
    @Option(help: "The module that holds the target bodies.")
    var module: String?

    func validate() throws {
        guard name.range(of: "^[A-Z][A-Za-z0-9]*$", options: .regularExpression) != nil else {
            throw ValidationError("'\(name)' is not an UpperCamelCase Swift type name")
        }
    }

    func run() throws {
        let project = try package.project()
        guard !project.targets.contains(name) else { throw SeamError("target \(name) already exists") }
        let module = try self.module ?? inferredModule(project)
        let body = project.root.appendingPathComponent("Sources/\(module)/\(name).swift")
        let main = project.targetFolders[0].appendingPathComponent("\(name)/main.swift")
        for file in [body, main] where FileManager.default.fileExists(atPath: file.path) {
            throw SeamError("\(project.display(file)) already exists")
        }
        try ensureFolder(main.deletingLastPathComponent())
        try ensureFolder(body.deletingLastPathComponent())
        try "import \(module)\nimport SeamFuzz\n\nfuzzMain(\(name).self)\n".write(to: main, atomically: true, encoding: .utf8)
        try template.write(to: body, atomically: true, encoding: .utf8)
        for folder in [project.seeds(name), project.regressions(name)] {
            try ensureFolder(folder)
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(".gitkeep").path, contents: nil)
        }
        for file in [main, body, project.seeds(name), project.regressions(name)] {
            print("  \(project.display(file))")
        }
        print("Added \(name): write its body and seeds in \(project.display(body)), then `seam seeds \(name)` and `seam run \(name)`. The tests find it through its folder (FuzzTargetFolders).")
    }

    /// The module of the existing targets whose names share the longest prefix with the new
    /// one (ZstdFoo goes beside ZstdRoundTrip), the most common module among them on a tie;
    /// or the one module all targets import besides SeamFuzz.
    private func inferredModule(_ project: Project) throws -> String {
        var moduleOf: [String: String] = [:]
        for folder in project.targetFolders {
            for target in project.targets {
                let text = (try? String(contentsOf: folder.appendingPathComponent("\(target)/main.swift"), encoding: .utf8)) ?? ""
                for line in text.split(separator: "\n") where line.hasPrefix("import ") {
                    let imported = line.dropFirst("import ".count).trimmingCharacters(in: .whitespaces)
                    if imported != "SeamFuzz" { moduleOf[target] = imported }
                }
            }
        }
        let modules = Set(moduleOf.values)
        if modules.count == 1, let module = modules.first { return module }
        let shared = { (target: String) in zip(target, name).prefix { $0 == $1 }.count }
        let longest = moduleOf.keys.map(shared).max() ?? 0
        let votes = Dictionary(grouping: moduleOf.filter { shared($0.key) == longest && longest > 0 }.values) { $0 }.mapValues(\.count)
        let best = votes.values.max()
        let winners = votes.filter { $0.value == best }.keys
        guard winners.count == 1, let module = winners.first else {
            throw SeamError("pass --module: the targets' bodies are in \(modules.isEmpty ? "no module yet" : modules.sorted().joined(separator: ", ")), and \(name)'s name does not pick one")
        }
        return module
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
                // Until then, this fails on every input, so an unfinished target cannot pass.
                try invariant(false, "\(name) has no body yet: \\(data.count) bytes unchecked")
            }

            /// Deterministic seeds, written to the corpus by `seam seeds`.
            public static var seeds: [[UInt8]] {
                [[]]
            }
        }

        """
    }
}
