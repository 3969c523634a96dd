import Foundation

/// Adds a fuzz target to a package: its executable folder, a body that fails until written,
/// its corpus folders, and its line in both lists (the manifest's, and its module's list that
/// the tests replay).
package struct TargetScaffold {
    package let project: Project

    package init(project: Project) {
        self.project = project
    }

    /// What `add` wrote, relative to the package root.
    package struct Added: Equatable {
        package let target: String
        package let module: String
        package let files: [String]
    }

    /// Adds `name` to the module `module`, or to the module `inferredModule(for:)` picks.
    package func add(_ name: String, module given: String? = nil) throws(SeamError) -> Added {
        guard TargetCatalog.isTypeName(name) else { throw SeamError("'\(name)' is not an UpperCamelCase Swift type name") }
        var catalog = try project.catalog()
        let module: String
        if let given { module = given } else { module = try inferredModule(for: name, in: catalog) }
        guard TargetCatalog.isTypeName(module) else { throw SeamError("'\(module)' is not a Swift module name") }
        let main = project.targetFolder(name).appendingPathComponent("main.swift")
        let body = project.root.appendingPathComponent("Sources/\(module)/\(name).swift")
        let list = moduleList(module)
        try catalog.add(TargetCatalog.Entry(name: name, module: module))
        for file in [main, body] where FileManager.default.fileExists(atPath: file.path) {
            throw SeamError("\(project.display(file)) already exists")
        }
        let listText = try Self.adding(name, toModuleList: FileManager.default.fileExists(atPath: list.path) ? read(list) : nil)

        try write("import \(module)\nimport SeamFuzz\n\nfuzzMain(\(name).self)\n", to: main)
        try write(Self.bodyTemplate(name), to: body)
        try write(listText, to: list)
        var written = [main, body, list]
        for folder in [project.seeds(name), project.regressions(name)] {
            try ensureFolder(folder)
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(".gitkeep").path, contents: nil)
            written.append(folder)
        }
        try write(catalog.manifest, to: project.manifest)
        written.append(project.manifest)
        return Added(target: name, module: module, files: written.map(project.display))
    }

    /// The file in which a targets module lists its targets for the tests.
    package func moduleList(_ module: String) -> URL {
        project.root.appendingPathComponent("Sources/\(module)/FuzzTargetList.swift")
    }

    package static let moduleListDeclaration = "public let fuzzTargets: [any FuzzTarget.Type] = ["

    /// A module list's text with `name` added (sorted), or a new list of `name` alone.
    package static func adding(_ name: String, toModuleList text: String?) throws(SeamError) -> String {
        guard let text else {
            return """
            import SeamFuzz

            /// The fuzz targets whose bodies are in this module, for the tests: kept by `seam add` in
            /// step with Package.swift's list.
            \(moduleListDeclaration)
                \(name).self,
            ]

            """
        }
        guard let start = text.range(of: moduleListDeclaration), let end = text[start.upperBound...].range(of: "\n]") else {
            throw SeamError("the module's FuzzTargetList.swift has no `\(moduleListDeclaration)` list ending in `]` on a line of its own")
        }
        var names = text[start.upperBound..<end.lowerBound].split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        names.append("\(name).self,")
        names.sort()
        return text.replacingCharacters(in: start.upperBound..<end.lowerBound, with: names.map { "\n    \($0)" }.joined())
    }

    /// The module of the targets whose names share the longest prefix with `name` (ZstdFoo
    /// goes beside ZstdRoundTrip), the most common among them on a tie; or the one module
    /// all targets use.
    package func inferredModule(for name: String, in catalog: TargetCatalog) throws(SeamError) -> String {
        let modules = Set(catalog.entries.map(\.module))
        if modules.count == 1, let module = modules.first { return module }
        let shared = { (target: String) in zip(target, name).prefix { $0 == $1 }.count }
        let longest = catalog.entries.map { shared($0.name) }.max() ?? 0
        let votes = Dictionary(grouping: catalog.entries.filter { longest > 0 && shared($0.name) == longest }.map(\.module)) { $0 }
            .mapValues(\.count)
        let best = votes.values.max()
        let winners = votes.filter { $0.value == best }.keys
        guard winners.count == 1, let module = winners.first else {
            throw SeamError("pass --module: the targets' bodies are in \(modules.isEmpty ? "no module yet" : modules.sorted().joined(separator: ", ")), and \(name)'s name does not pick one")
        }
        return module
    }

    package static func bodyTemplate(_ name: String) -> String {
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

    private func read(_ file: URL) throws(SeamError) -> String {
        do {
            return try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw SeamError("cannot read \(project.display(file)): \(error.localizedDescription)")
        }
    }
}

/// Writes `text` to `file`, creating its folder.
func write(_ text: String, to file: URL) throws(SeamError) {
    try ensureFolder(file.deletingLastPathComponent())
    do {
        try text.write(to: file, atomically: true, encoding: .utf8)
    } catch {
        throw SeamError("cannot write \(file.path): \(error.localizedDescription)")
    }
}
