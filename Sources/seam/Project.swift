import Foundation

/// A package laid out the Seam way: Fuzz/<Target>/, Corpus/<Target>/, Corpus/Regressions/<Target>/.
struct Project {
    let root: URL
    /// Folders whose subfolders (with a main.swift) are fuzz targets.
    var targetFolders: [URL]
    var corpusRoot: URL
    var workRoot: URL

    init(root: URL, targetsDirs: [String] = [], corpusRoot: String? = nil, workRoot: String? = nil) {
        func resolve(_ path: String) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
        }
        self.root = root
        self.targetFolders = (targetsDirs.isEmpty ? ["Fuzz"] : targetsDirs).map(resolve)
        self.corpusRoot = resolve(corpusRoot ?? "Corpus")
        self.workRoot = resolve(workRoot ?? ".seam")
    }

    static func locate(from path: String?, targetsDirs: [String] = [], corpusRoot: String? = nil, workRoot: String? = nil) throws -> Project {
        let start = URL(fileURLWithPath: path ?? FileManager.default.currentDirectoryPath).standardizedFileURL
        var candidate = start
        while true {
            let manifest = candidate.appendingPathComponent("Package.swift").path
            let fuzz = candidate.appendingPathComponent("Fuzz").path
            if FileManager.default.fileExists(atPath: manifest), FileManager.default.fileExists(atPath: fuzz) {
                return Project(root: candidate, targetsDirs: targetsDirs, corpusRoot: corpusRoot, workRoot: workRoot)
            }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path {
                throw SeamError("no Seam package (Package.swift beside Fuzz/) at or above \(start.path)")
            }
            candidate = parent
        }
    }

    /// The fuzz targets: the folders under the target folders that hold a main.swift, sorted.
    var targets: [String] {
        targetFolders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
                FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).appendingPathComponent("main.swift").path)
            }
        }.sorted()
    }

    /// Checks that every name is a target; an error lists the known ones.
    func resolve(_ names: [String], all: Bool) throws -> [String] {
        if all { return targets }
        guard !names.isEmpty else { throw SeamError("name at least one target, or --all (targets: \(targets.joined(separator: ", ")))") }
        for name in names where !targets.contains(name) {
            throw SeamError("unknown target '\(name)' (targets: \(targets.joined(separator: ", ")))")
        }
        return names
    }

    func seeds(_ target: String) -> URL { corpusRoot.appendingPathComponent(target) }
    func regressions(_ target: String) -> URL { corpusRoot.appendingPathComponent("Regressions/\(target)") }
    func dictionary(_ target: String) -> URL { corpusRoot.appendingPathComponent("\(target).dict") }
    /// The working corpus: grows while fuzzing, git-ignored, merged into the seeds on purpose.
    func workCorpus(_ target: String) -> URL { workRoot.appendingPathComponent("corpus/\(target)") }
    func artifacts(_ target: String) -> URL { workRoot.appendingPathComponent("artifacts/\(target)") }
    func logs(_ target: String) -> URL { workRoot.appendingPathComponent("logs/\(target).log") }
    /// (seconds, coverage) samples of the last run, read from libFuzzer's output while it ran.
    func coverageSamples(_ target: String) -> URL { workRoot.appendingPathComponent("logs/\(target).coverage.tsv") }
    var runHistory: URL { workRoot.appendingPathComponent("runs.jsonl") }
    /// A path relative to the package root where it lies inside it, for messages.
    func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path, prefix = root.standardizedFileURL.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The target a corpus or artifact path belongs to: the first path component that names one.
    func inferTarget(from path: String) -> String? {
        let components = URL(fileURLWithPath: path).standardizedFileURL.pathComponents.reversed()
        return components.first { targets.contains($0) }
    }
}

/// A usage or environment error: printed as one clear line, exit status 1.
struct SeamError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The regular, non-hidden files of a folder (recursively), sorted; none when it is missing.
func files(in folder: URL) -> [URL] {
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else {
        return []
    }
    var result: [URL] = []
    for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        result.append(url)
    }
    return result.sorted { $0.path < $1.path }
}

func ensureFolder(_ url: URL) throws {
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
