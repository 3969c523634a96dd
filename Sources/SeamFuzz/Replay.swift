import Foundation

/// The standalone reproducer: runs corpus files through a target without libFuzzer.
public enum Replay {
    /// The files a list of paths names: files as given, folders walked recursively, sorted.
    /// Hidden files (a leading dot) inside folders are skipped.
    public static func inputFiles(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ReplayError.missing(path)
            }
            if !isDirectory.boolValue {
                files.append(path)
                continue
            }
            guard let walker = FileManager.default.enumerator(atPath: path) else { continue }
            var found: [String] = []
            for case let relative as String in walker {
                let full = (path as NSString).appendingPathComponent(relative)
                let name = (relative as NSString).lastPathComponent
                var childIsDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &childIsDirectory),
                   !childIsDirectory.boolValue, !name.hasPrefix(".") {
                    found.append(full)
                }
            }
            files += found.sorted()
        }
        return files
    }

    /// Replays `arguments` (paths; `-flags` ignored) through `target` and returns the exit
    /// status: 0 when every input passes, 1 at the first broken property or, given a
    /// `budget`, the first input over it, 2 for a bad path.
    public static func run(_ target: any FuzzTarget.Type, arguments: [String], budget: FuzzBudget? = nil) -> Int32 {
        let paths = arguments.filter { !$0.hasPrefix("-") }
        if paths.isEmpty {
            printError("usage: \(target.name) <file-or-folder>...  (standalone replay; build with -sanitize=fuzzer to fuzz)")
            return 2
        }
        let files: [String]
        do {
            files = try inputFiles(paths)
        } catch {
            printError("\(target.name): \(error)")
            return 2
        }
        for file in files {
            guard let data = contents(ofFile: file) else {
                printError("\(target.name): cannot read \(file)")
                return 2
            }
            // Named before it runs, so a trap or a sanitizer report still says which input it was.
            printError("Running: \(file)")
            do {
                let cost = try FuzzBudget.measure { () throws(InvariantViolation) in try target.run(data) }
                if let violation = budget?.violation(by: cost) {
                    printError("==SEAM== \(target.name): \(file): \(violation)")
                    return 1
                }
            } catch {
                printError("==SEAM== \(target.name): \(file): \(error)")
                return 1
            }
        }
        printError("\(target.name): replayed \(files.count) input(s), all passed")
        return 0
    }

    /// Writes `target.seeds` into `folder` (created if needed) as seed-000, seed-001, ...;
    /// returns 0, or 2 when a file cannot be written.
    public static func writeSeeds(of target: any FuzzTarget.Type, to folder: String) -> Int32 {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (index, seed) in target.seeds.enumerated() {
                try Data(seed).write(to: URL(fileURLWithPath: folder).appendingPathComponent(String(format: "seed-%03d", index)))
            }
            return 0
        } catch {
            printError("\(target.name): cannot write seeds to \(folder): \(error)")
            return 2
        }
    }

    /// The bytes of the file at `path`, nil when it cannot be read. Through FileHandle:
    /// FoundationEssentials' `FileManager.contents(atPath:)` and `Data(contentsOf:)` leak a
    /// 4 KiB buffer for an empty file (LeakSanitizer, Swift 6.3.1), and an empty input is a
    /// corpus file like any other.
    public static func contents(ofFile path: String) -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        do {
            return [UInt8](try handle.readToEnd() ?? Data())  // nil at once: an empty file
        } catch {
            return nil
        }
    }

    private static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// A path given to the reproducer that cannot be replayed.
public enum ReplayError: Error, CustomStringConvertible {
    case missing(String)

    public var description: String {
        switch self {
        case .missing(let path): "no such file or folder: \(path)"
        }
    }
}
