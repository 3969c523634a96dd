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

    /// A line plot, 640×320, seconds on x and coverage (edges) on y.
    package static func svg(_ samples: [(Int, Int)], title: String) -> String {
        let width = 640.0, height = 320.0, left = 60.0, bottom = 40.0, top = 30.0, right = 20.0
        let maxX = Double(max(samples.map(\.0).max() ?? 1, 1)), maxY = Double(max(samples.map(\.1).max() ?? 1, 1))
        let points = samples.map { sample -> String in
            let x = left + Double(sample.0) / maxX * (width - left - right)
            let y = height - bottom - Double(sample.1) / maxY * (height - bottom - top)
            return String(format: "%.1f,%.1f", x, y)
        }.joined(separator: " ")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(Int(left))" y="20" font-size="14">\(title): coverage (edges) over time</text>
            <line x1="\(left)" y1="\(height - bottom)" x2="\(width - right)" y2="\(height - bottom)" stroke="black"/>
            <line x1="\(left)" y1="\(top)" x2="\(left)" y2="\(height - bottom)" stroke="black"/>
            <text x="\(width - right)" y="\(height - 10)" text-anchor="end">\(Int(maxX)) s</text>
            <text x="\(left - 5)" y="\(top + 4)" text-anchor="end">\(Int(maxY))</text>
            <text x="\(left - 5)" y="\(height - bottom)" text-anchor="end">0</text>
            <polyline fill="none" stroke="#1f77b4" stroke-width="2" points="\(points)"/>
            </svg>

            """
    }
}
