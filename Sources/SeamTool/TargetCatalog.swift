import Foundation

/// A package's fuzz targets, as its manifest lists them: the one reader (and writer) of the
/// target list.
///
/// The list is plain Swift in Package.swift, one line per target, so SwiftPM sees a new
/// target the moment it is added: it caches evaluated manifests by their text, and a list
/// discovered from folders at evaluation time goes stale in that cache. `seam init` writes the
/// list and `seam add` keeps it, as `cargo fuzz add` keeps Cargo.toml's `[[bin]]` entries:
///
/// ```swift
/// let fuzzTargets: [(name: String, module: String)] = [
///     ("ZlibInflate", "ZlibFuzzTargets"),
/// ]
/// ```
package struct TargetCatalog: Equatable, Sendable {
    /// One fuzz target: an executable `Fuzz/<name>/` whose body lives in `module`.
    package struct Entry: Equatable, Sendable {
        package let name: String
        package let module: String
        package init(name: String, module: String) {
            self.name = name
            self.module = module
        }
    }

    /// The targets, in the manifest's order (sorted by name, as `seam add` keeps it).
    package private(set) var entries: [Entry]
    /// The manifest's text, with the list as `entries` has it.
    package private(set) var manifest: String
    private let listRange: Range<String.Index>

    package static let declaration = "let fuzzTargets: [(name: String, module: String)] = ["

    /// Reads the list from a manifest's text; throws when it has none or a line is not one
    /// `("Name", "Module"),` entry.
    package init(manifest: String) throws(SeamError) {
        guard let start = manifest.range(of: Self.declaration) else {
            throw SeamError("Package.swift has no fuzz target list (`\(Self.declaration)`); `seam init` writes one")
        }
        guard let end = manifest[start.upperBound...].range(of: "\n]") else {
            throw SeamError("Package.swift's fuzz target list has no closing `]` on a line of its own")
        }
        self.manifest = manifest
        self.listRange = start.upperBound..<end.lowerBound
        self.entries = try Self.parse(manifest[listRange])
    }

    package init(contentsOf manifest: URL) throws(SeamError) {
        let text: String
        do {
            text = try String(contentsOf: manifest, encoding: .utf8)
        } catch {
            throw SeamError("cannot read \(manifest.path): \(error.localizedDescription)")
        }
        try self.init(manifest: text)
    }

    package var names: [String] { entries.map(\.name) }

    package func module(of target: String) -> String? {
        entries.first { $0.name == target }?.module
    }

    /// Adds a target, keeping the list sorted by name.
    package mutating func add(_ entry: Entry) throws(SeamError) {
        guard !names.contains(entry.name) else { throw SeamError("target \(entry.name) is already in Package.swift's list") }
        entries.append(entry)
        entries.sort { $0.name < $1.name }
        manifest.replaceSubrange(listRange, with: Self.lines(entries))
        self = try TargetCatalog(manifest: manifest)
    }

    /// The list as the manifest writes it, for a new manifest.
    package static func listText(_ entries: [Entry]) -> String {
        declaration + lines(entries) + "\n]\n"
    }

    /// The list's entries as the manifest writes them, each on a line of its own.
    private static func lines(_ entries: [Entry]) -> String {
        entries.map { "\n    (\"\($0.name)\", \"\($0.module)\")," }.joined()
    }

    private static func parse(_ list: Substring) throws(SeamError) -> [Entry] {
        var entries: [Entry] = []
        for raw in list.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("//") { continue }
            let parts = line.split(separator: "\"", omittingEmptySubsequences: false)
            // ( "Name" ,  "Module" ),  →  ["(", Name, ", ", Module, "),"]
            guard parts.count == 5, parts[0] == "(", parts[2].trimmingCharacters(in: .whitespaces) == ",",
                  parts[4].hasPrefix(")"), isTypeName(parts[1]), isTypeName(parts[3]) else {
                throw SeamError("Package.swift's fuzz target list: cannot read `\(line)` (one `(\"Target\", \"Module\"),` per line)")
            }
            entries.append(Entry(name: String(parts[1]), module: String(parts[3])))
        }
        return entries
    }

    package static func isTypeName<S: StringProtocol>(_ name: S) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isUppercase, first.isASCII else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil) }
    }
}
