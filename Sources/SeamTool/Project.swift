import Foundation

/// A package laid out the Seam way: the fuzz target list in Package.swift, Fuzz/<Target>/,
/// Corpus/<Target>/, Corpus/Regressions/<Target>/.
package struct Project {
    package let root: URL
    /// Folders whose subfolders (with a main.swift) are the targets instead of the manifest's
    /// list: test-only executables, such as this repository's planted bugs.
    package var targetFolders: [URL]
    package var corpusRoot: URL
    package var workRoot: URL

    package init(root: URL, targetsDirs: [String] = [], corpusRoot: String? = nil, workRoot: String? = nil) {
        self.root = root
        self.targetFolders = targetsDirs.map { Self.resolve($0, in: root) }
        self.corpusRoot = Self.resolve(corpusRoot ?? "Corpus", in: root)
        self.workRoot = Self.resolve(workRoot ?? ".seam", in: root)
    }

    private static func resolve(_ path: String, in root: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
    }

    /// The instrumented C libraries, their sources and build logs: build products of the
    /// package like .build, so kept in the package whatever --work says.
    package var depsRoot: URL { root.appendingPathComponent(".seam/deps") }

    /// The C libraries the package declares in seam-libraries.json.
    package func declaredLibraries() throws(SeamError) -> [CLibrary] {
        try LibraryDeclarations.read(root.appendingPathComponent(LibraryDeclarations.fileName)).libraries
    }

    /// A path relative to the package root, or absolute.
    package func resolvePath(_ path: String) -> URL {
        Self.resolve(path, in: root)
    }

    package static func locate(from path: String?, targetsDirs: [String] = [], corpusRoot: String? = nil, workRoot: String? = nil) throws -> Project {
        let start = URL(fileURLWithPath: path ?? FileManager.default.currentDirectoryPath).standardizedFileURL
        var candidate = start
        while true {
            let manifest = candidate.appendingPathComponent("Package.swift")
            if let text = try? String(contentsOf: manifest, encoding: .utf8), text.contains(TargetCatalog.declaration) {
                return Project(root: candidate, targetsDirs: targetsDirs, corpusRoot: corpusRoot, workRoot: workRoot)
            }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path {
                throw SeamError("no Seam package (a Package.swift with a fuzz target list) at or above \(start.path): `seam init` makes one")
            }
            candidate = parent
        }
    }

    package var manifest: URL { root.appendingPathComponent("Package.swift") }

    /// The manifest's fuzz target list.
    package func catalog() throws(SeamError) -> TargetCatalog {
        try TargetCatalog(contentsOf: manifest)
    }

    /// The fuzz targets: the manifest's list, or the executables under `targetFolders`.
    package var targets: [String] {
        guard !targetFolders.isEmpty else { return (try? catalog().names) ?? [] }
        return targetFolders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
                FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).appendingPathComponent("main.swift").path)
            }
        }.sorted()
    }

    /// The folder of a target's executable.
    package func targetFolder(_ target: String) -> URL {
        (targetFolders.first ?? root.appendingPathComponent("Fuzz")).appendingPathComponent(target)
    }

    /// Checks that every name is a target; an error lists the known ones.
    package func resolve(_ names: [String], all: Bool) throws -> [String] {
        if all { return targets }
        guard !names.isEmpty else { throw SeamError("name at least one target, or --all (targets: \(targets.joined(separator: ", ")))") }
        for name in names where !targets.contains(name) {
            throw SeamError("unknown target '\(name)' (targets: \(targets.joined(separator: ", ")))")
        }
        return names
    }

    package func seeds(_ target: String) -> URL { corpusRoot.appendingPathComponent(target) }
    package func regressions(_ target: String) -> URL { corpusRoot.appendingPathComponent("Regressions/\(target)") }
    package func dictionary(_ target: String) -> URL { corpusRoot.appendingPathComponent("\(target).dict") }
    /// The working corpus: grows while fuzzing, git-ignored, merged into the seeds on purpose.
    package func workCorpus(_ target: String) -> URL { workRoot.appendingPathComponent("corpus/\(target)") }
    package func artifacts(_ target: String) -> URL { workRoot.appendingPathComponent("artifacts/\(target)") }
    package func logs(_ target: String) -> URL { workRoot.appendingPathComponent("logs/\(target).log") }
    /// (seconds, coverage) samples of the last run, read from libFuzzer's output while it ran.
    package func coverageSamples(_ target: String) -> URL { workRoot.appendingPathComponent("logs/\(target).coverage.tsv") }
    package var runHistory: URL { workRoot.appendingPathComponent("runs.jsonl") }
    /// A path relative to the package root where it lies inside it, for messages.
    package func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path, prefix = root.standardizedFileURL.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The target a corpus or artifact path belongs to: the first path component that names one.
    package func inferTarget(from path: String) -> String? {
        let components = URL(fileURLWithPath: path).standardizedFileURL.pathComponents.reversed()
        return components.first { targets.contains($0) }
    }
}
