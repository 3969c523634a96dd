import Foundation

/// A package's fuzz targets, read from its `Fuzz/` folder: the one list of them.
///
/// Each folder is an executable whose main.swift imports the module that holds the target's
/// body and calls `fuzzMain(<Type>.self)`. Package.swift builds the folders, `seam` runs
/// them, and tests find the bodies here for in-process replay, so adding a target is adding
/// a folder and nothing else.
public enum FuzzTargetFolders {
    public struct Entry: Sendable {
        /// The folder's name, which is the executable's and the corpus folder's.
        public let folder: String
        /// The type main.swift passes to `fuzzMain`, as written there.
        public let typeName: String
        /// The modules main.swift imports besides SeamFuzz.
        public let modules: [String]

        /// The target type, looked up in `modules` among those linked into this process; nil
        /// when none of them is linked.
        public var target: (any FuzzTarget.Type)? {
            // The runtime looks types up by mangled name: <length><module><length><type> and
            // O for an enum, V a struct, C a class.
            for module in modules {
                for kind in ["O", "V", "C"] {
                    let mangled = "\(module.utf8.count)\(module)\(typeName.utf8.count)\(typeName)\(kind)"
                    if let type = _typeByName(mangled) as? any FuzzTarget.Type { return type }
                }
            }
            return nil
        }
    }

    /// The targets under `folder` (a package's `Fuzz/`), sorted by folder name. Throws when the
    /// folder cannot be read or a main.swift names no `fuzzMain(<Type>.self)`.
    public static func read(_ folder: URL) throws -> [Entry] {
        var entries: [Entry] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let main = folder.appendingPathComponent("\(name)/main.swift")
            guard let text = try? String(contentsOf: main, encoding: .utf8) else { continue }
            let modules = text.split(separator: "\n").filter { $0.hasPrefix("import ") }
                .map { $0.dropFirst("import ".count).trimmingCharacters(in: .whitespaces) }
                .filter { $0 != "SeamFuzz" }
            guard let call = text.range(of: "fuzzMain("), let end = text[call.upperBound...].range(of: ".self)") else {
                throw FolderError(description: "\(main.path) does not call fuzzMain(<Type>.self)")
            }
            let typeName = String(text[call.upperBound..<end.lowerBound]).trimmingCharacters(in: .whitespaces)
            entries.append(Entry(folder: name, typeName: typeName, modules: modules))
        }
        return entries
    }

    struct FolderError: Error, CustomStringConvertible {
        let description: String
    }
}
