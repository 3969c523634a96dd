import Foundation

/// (seconds, coverage) samples taken from libFuzzer's status lines while a target ran.
package enum CoverageSamples {
    package static func write(_ samples: [(Int, Int)], to file: URL) throws {
        try ensureFolder(file.deletingLastPathComponent())
        try samples.map { "\($0.0)\t\($0.1)" }.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    }

    package static func read(_ file: URL) -> [(Int, Int)] {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let seconds = Int(fields[0]), let coverage = Int(fields[1]) else { return nil }
            return (seconds, coverage)
        }
    }
}
