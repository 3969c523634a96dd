import Foundation

/// Every failure input of every target (crash, leak, timeout and out-of-memory files in the
/// artifacts folders), reproduced once each and grouped by `CrashSignature`: one row per bug,
/// however many inputs and targets found it, and whether a saved regression already had it.
package struct Triage {
    package struct Failure: Codable, Equatable, Sendable {
        package let target: String
        package let file: String
        package let size: Int
        package let modified: Date
        /// nil when the input no longer fails.
        package let signature: CrashSignature?

        package init(target: String, file: String, size: Int, modified: Date, signature: CrashSignature?) {
            self.target = target
            self.file = file
            self.size = size
            self.modified = modified
            self.signature = signature
        }
    }

    package struct Group: Equatable, Sendable {
        package let signature: CrashSignature?
        /// Smallest first.
        package let failures: [Failure]
        /// The saved regression with this signature (`<Target>/regression-…`), if any.
        package let knownAs: String?
        /// When that regression was saved.
        package var savedAt: Date? = nil

        /// A known bug failing again: an input newer than its saved regression. The crash files
        /// the regression was made from are older, and are not a return.
        package var cameBack: Bool { knownAs != nil && lastSeen > (savedAt ?? .distantPast) }

        /// How the table names the group.
        package var status: String {
            guard signature != nil else { return "no longer fails" }
            guard let knownAs else { return "NEW" }
            return cameBack ? "CAME BACK (\(knownAs))" : "saved (\(knownAs))"
        }

        package var targets: [String] { Array(Set(failures.map(\.target))).sorted() }
        package var smallest: Failure { failures[0] }
        package var firstSeen: Date { failures.map(\.modified).min() ?? .distantPast }
        package var lastSeen: Date { failures.map(\.modified).max() ?? .distantPast }
    }

    package let project: Project
    package let configuration: BuildConfiguration

    package init(project: Project, configuration: BuildConfiguration) {
        self.project = project
        self.configuration = configuration
    }

    /// Signatures already worked out, by target and content: triage across nights only
    /// reproduces what is new.
    var cacheFile: URL { project.workRoot.appendingPathComponent("triage/signatures.jsonl") }

    /// Saved regressions' signatures, one `<Target>/<file>\t<signature>` line each, written
    /// by `seam repro --save`.
    package static func knownFile(in project: Project) -> URL {
        project.corpusRoot.appendingPathComponent("Regressions/signatures.tsv")
    }

    /// The failures of `targets`, each reproduced once (or read from the cache).
    package func failures(of targets: [String]) throws -> [Failure] {
        var cache = readCache()
        var found: [Failure] = []
        var added: [String] = []
        for target in targets {
            let inputs = FuzzRunner.failureArtifacts(in: project.artifacts(target), since: .distantPast)
            guard !inputs.isEmpty else { continue }
            let binary = try configuration.existingBinary(target, in: project)
            for input in inputs {
                let data = try Data(contentsOf: input)
                let key = "\(target)/\(contentHash(data))"
                let signature: CrashSignature?
                if let known = cache[key] {
                    signature = known
                } else {
                    let (_, report) = try reproduce(input, binary: binary, variant: configuration.variant)
                    signature = CrashSignature.parse(try demangle(report))
                    cache[key] = signature
                    let line = try JSONEncoder().encode(CacheLine(key: key, signature: signature))
                    added.append(String(decoding: line, as: UTF8.self))
                }
                let modified = (try? input.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
                found.append(Failure(target: target, file: input.path, size: data.count, modified: modified, signature: signature))
            }
        }
        if !added.isEmpty {
            try ensureFolder(cacheFile.deletingLastPathComponent())
            let old = (try? String(contentsOf: cacheFile, encoding: .utf8)) ?? ""
            try (old + added.map { $0 + "\n" }.joined()).write(to: cacheFile, atomically: true, encoding: .utf8)
        }
        return found
    }

    private struct CacheLine: Codable {
        let key: String
        let signature: CrashSignature?
    }

    private func readCache() -> [String: CrashSignature?] {
        var cache: [String: CrashSignature?] = [:]
        for line in ((try? String(contentsOf: cacheFile, encoding: .utf8)) ?? "").split(separator: "\n") {
            if let entry = try? JSONDecoder().decode(CacheLine.self, from: Data(line.utf8)) { cache[entry.key] = entry.signature }
        }
        return cache
    }

    /// Saved regressions by signature description.
    package static func knownSignatures(in project: Project) -> [String: String] {
        var known: [String: String] = [:]
        for line in ((try? String(contentsOf: knownFile(in: project), encoding: .utf8)) ?? "").split(separator: "\n") {
            let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
            if fields.count == 2 { known[fields[1]] = fields[0] }
        }
        return known
    }

    /// Records a saved regression's signature, so triage knows it when it comes back.
    package static func recordKnown(_ regression: URL, target: String, signature: CrashSignature, in project: Project) throws {
        let file = knownFile(in: project)
        try ensureFolder(file.deletingLastPathComponent())
        var lines = ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        let name = "\(target)/\(regression.lastPathComponent)"
        lines.removeAll { $0.hasPrefix(name + "\t") }
        lines.append("\(name)\t\(signature.description)")
        try (lines.sorted().joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    }

    /// When each saved regression (`<Target>/regression-…`) was saved: its file's time.
    package static func saveTimes(in project: Project) -> [String: Date] {
        knownSignatures(in: project).values.reduce(into: [:]) { times, name in
            let file = project.corpusRoot.appendingPathComponent("Regressions/\(name)")
            times[name] = (try? file.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate
        }
    }

    /// One group per signature: new bugs first, then known ones that came back, then known
    /// ones already saved, then inputs that no longer fail; within each, the most inputs first.
    package static func group(_ failures: [Failure], known: [String: String], savedAt: [String: Date] = [:]) -> [Group] {
        let bySignature = Dictionary(grouping: failures) { $0.signature }
        let groups = bySignature.map { signature, failures in
            let knownAs = signature.flatMap { known[$0.description] }
            return Group(signature: signature,
                         failures: failures.sorted { ($0.size, $0.file) < ($1.size, $1.file) },
                         knownAs: knownAs, savedAt: knownAs.flatMap { savedAt[$0] })
        }
        func rank(_ group: Group) -> Int { group.signature == nil ? 3 : group.knownAs == nil ? 0 : group.cameBack ? 1 : 2 }
        return groups.sorted {
            (rank($0), -$0.failures.count, $0.signature?.description ?? "") < (rank($1), -$1.failures.count, $1.signature?.description ?? "")
        }
    }
}
