import Foundation

/// Where Debian source packages come from: apt in real use, a stand-in in tests.
package protocol SourceArchive {
    /// The versions of a source package that the archive's index lists.
    func versions(of package: String) throws(SeamError) -> [String]
    /// Downloads one version's source files (the .dsc and the files it names) into `folder`.
    func download(_ package: String, version: String, into folder: URL) throws(SeamError)
}

/// Debian's archive through apt, with a private configuration made from the system's own
/// sources (deb lines become deb-src) and private lists, so the system's apt setup is never
/// touched and no root is needed.
package struct AptSourceArchive: SourceArchive {
    /// Holds the private sources, lists and an `updated` marker.
    package let state: URL

    package init(state: URL) { self.state = state }

    private var options: [String] {
        ["-o", "Dir::Etc::SourceParts=\(state.path)/parts", "-o", "Dir::Etc::SourceList=/dev/null",
         "-o", "Dir::State::Lists=\(state.path)/lists", "-qq"]
    }

    /// Makes the private sources and fetches the index, once per state folder.
    private func update() throws(SeamError) {
        let marker = state.appendingPathComponent("updated")
        guard !FileManager.default.fileExists(atPath: marker.path) else { return }
        let parts = state.appendingPathComponent("parts")
        try ensureFolder(state.appendingPathComponent("lists/partial"))
        try ensureFolder(parts)
        var deb822 = "", oneLine = ""
        let sources = URL(fileURLWithPath: "/etc/apt/sources.list.d")
        for file in (try? FileManager.default.contentsOfDirectory(atPath: sources.path))?.sorted() ?? [] where file.hasSuffix(".sources") {
            let text = (try? String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)) ?? ""
            deb822 += text.replacingOccurrences(of: "(?m)^Types: deb$", with: "Types: deb-src", options: .regularExpression) + "\n"
        }
        for line in ((try? String(contentsOfFile: "/etc/apt/sources.list", encoding: .utf8)) ?? "").split(separator: "\n") where line.hasPrefix("deb ") {
            oneLine += "deb-src " + line.dropFirst(4) + "\n"
        }
        do {
            try deb822.write(to: parts.appendingPathComponent("src.sources"), atomically: true, encoding: .utf8)
            try oneLine.write(to: parts.appendingPathComponent("src.list"), atomically: true, encoding: .utf8)
        } catch { throw SeamError("cannot write apt sources in \(parts.path): \(error)") }
        let (status, output) = try apt("apt-get", options + ["update"])
        guard status == 0 else { throw SeamError("apt-get update for Debian's source index failed (exit \(status)): \(output.suffix(500))") }
        _ = FileManager.default.createFile(atPath: marker.path, contents: nil)
    }

    package func versions(of package: String) throws(SeamError) -> [String] {
        try update()
        let (_, output) = try apt("apt-cache", options + ["showsrc", package])
        return output.split(separator: "\n").compactMap { line in
            line.hasPrefix("Version: ") ? String(line.dropFirst("Version: ".count)) : nil
        }
    }

    package func download(_ package: String, version: String, into folder: URL) throws(SeamError) {
        try update()
        let (status, output) = try apt("apt-get", options + ["source", "--download-only", "\(package)=\(version)"], in: folder)
        guard status == 0 else {
            let reason = output.split(separator: "\n").first { $0.hasPrefix("E: ") }.map(String.init) ?? "exit \(status)"
            throw SeamError(reason)
        }
    }

    private func apt(_ program: String, _ arguments: [String], in folder: URL? = nil) throws(SeamError) -> (Int32, String) {
        do {
            return try captureProgram(URL(fileURLWithPath: "/usr/bin/\(program)"), arguments, in: folder)
        } catch { throw SeamError("cannot run \(program): \(error)") }
    }
}
