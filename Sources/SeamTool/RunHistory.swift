import Foundation

/// One JSON line per run and target in .seam/runs.jsonl, for reports across runs.
package enum RunHistory {
    package static func append(_ results: [FuzzResult], seconds: Int, configuration: BuildConfiguration, in project: Project) throws {
        let file = project.runHistory
        try ensureFolder(file.deletingLastPathComponent())
        var text = ""
        let date = ISO8601DateFormatter().string(from: Date())
        for result in results {
            let record: [String: Any] = [
                "date": date, "target": result.target, "variant": configuration.variant.rawValue,
                "libraries": configuration.libraries.rawValue, "budget": seconds,
                "seconds": result.seconds, "runs": result.stats.runs, "execsPerSecond": result.stats.execsPerSecond,
                "coverage": result.stats.coverage, "corpus": result.stats.corpusCount, "crashes": result.stats.crashArtifacts.count,
            ]
            let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            text += String(decoding: data, as: UTF8.self) + "\n"
        }
        if !FileManager.default.fileExists(atPath: file.path) { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
    }
}
