import Foundation

/// The contract file and the facts it is checked against.
package enum BoundaryContract {
    package struct Entry {
        package let fallible: Bool
        package let reason: String
    }

    package static func read(_ file: URL) throws -> [String: Entry] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { throw SeamError("no contract at \(file.path)") }
        var entries: [String: Entry] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2 else { continue }
            guard fields[1] == "fallible" || fields[1] == "infallible" else { throw SeamError("\(file.path): bad class in '\(line)'") }
            entries[String(fields[0])] = Entry(fallible: fields[1] == "fallible", reason: fields.dropFirst(2).joined(separator: " "))
        }
        return entries
    }

    package static func readLog(_ file: URL) -> [String: (ok: Int, failed: Int)] {
        var calls: [String: (ok: Int, failed: Int)] = [:]
        for line in ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 3, let ok = Int(fields[1]), let failed = Int(fields[2]) else { continue }
            let previous = calls[String(fields[0])] ?? (0, 0)
            calls[String(fields[0])] = (previous.ok + ok, previous.failed + failed)
        }
        return calls
    }

    /// The undefined symbols of a module's objects that its C library's shared object exports.
    package static func importedFunctions(module: String, library: SystemLibrary, buildFolder: URL) throws -> [String] {
        let objects = files(in: buildFolder.appendingPathComponent("\(module).build")).filter { $0.pathExtension == "o" }
        guard !objects.isEmpty else { throw SeamError("no objects for \(module) in \(buildFolder.path): build first") }
        let (_, undefined) = try captureProgram(try Toolchain.tool("llvm-nm"), ["-u", "--just-symbol-name"] + objects.map(\.path))
        let exports = try library.exportedSymbols()
        return Set(undefined.split(separator: "\n").map(String.init)).filter { exports.contains($0) }.sorted()
    }
}
