import Foundation

/// One bug's identity across crash files, runs and targets: what kind of failure it is and
/// where, read from a reproduction's report. Addresses, line numbers, sizes and frames of the
/// sanitizer runtime, libFuzzer, libc, the Swift runtime and Seam's own driver are left out,
/// so forty inputs that hit the same bug, through any target, give one signature.
package struct CrashSignature: Hashable, Codable, Sendable, CustomStringConvertible {
    /// "ASan heap-buffer-overflow READ", "UBSan signed integer overflow", "Swift trap: Index
    /// out of range", "invariant: <message>", "timeout", "out-of-memory", "leak", ...
    package let kind: String
    /// Where: the top frames in the project's and the C libraries' code (function names), or
    /// for a broken invariant the file that checks it.
    package let frames: [String]

    package init(kind: String, frames: [String]) {
        self.kind = kind
        self.frames = frames
    }

    package var description: String { frames.isEmpty ? kind : "\(kind) @ \(frames.joined(separator: " < "))" }

    /// A short stable name for the signature.
    package var id: String { String(contentHash(Data(description.utf8)).prefix(12)) }

    /// How many frames a signature keeps: enough to tell bugs apart, few enough that inlining
    /// and callers further up do not split one bug into many.
    static let depth = 3

    /// The signature of a (demangled) sanitizer or libFuzzer report; nil when it shows no failure.
    package static func parse(_ report: String) -> CrashSignature? {
        let lines = report.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let (named, start) = kind(in: lines) else { return nil }
        var kind = named
        // A release build's trap prints no "Fatal error:" line; its stack names the check.
        if kind == "deadly signal", let failure = runtimeFailure(in: lines.dropFirst(start)) {
            kind = "Swift trap: " + normalized(failure)
        }
        if kind.hasPrefix("invariant: "), let location = invariantLocation(lines[start]) {
            return CrashSignature(kind: kind, frames: [location])
        }
        if kind.hasPrefix("budget: ") {
            // Checked after the input returned: the stack is the driver's, not the slow code's.
            return CrashSignature(kind: kind, frames: [])
        }
        return CrashSignature(kind: kind, frames: frames(in: lines, after: start))
    }

    /// The failure's kind and the line that names it.
    private static func kind(in lines: [String]) -> (String, Int)? {
        var trap: String?
        for (index, line) in lines.enumerated() {
            if let range = line.range(of: "==SEAM== ") {
                // "==SEAM== Target: invariant violated at File.swift:12: message"
                guard let message = line[range.upperBound...].range(of: ": ").map({ String(line[range.upperBound...][$0.upperBound...]) }) else { continue }
                // "==SEAM== Target: over the time budget: ..." (or memory): the driver's budget.
                if message.hasPrefix("over the time budget") { return ("budget: time", index) }
                if message.hasPrefix("over the memory budget") { return ("budget: memory", index) }
                let text = message.range(of: #"^invariant violated at [^:]+:\d+: "#, options: .regularExpression).map { String(message[$0.upperBound...]) } ?? message
                return ("invariant: " + normalized(text), index)
            }
            if let range = line.range(of: "ERROR: AddressSanitizer: ") {
                let words = line[range.upperBound...].split(separator: " ")
                let access = lines.dropFirst(index + 1).prefix(3).lazy.compactMap { $0.hasPrefix("READ") ? "READ" : $0.hasPrefix("WRITE") ? "WRITE" : nil }.first
                return ("ASan " + (words.first.map(String.init) ?? "error") + (access.map { " " + $0 } ?? ""), index)
            }
            if line.contains("ERROR: LeakSanitizer: detected memory leaks") {
                // The allocation's stack follows "Direct leak of N byte(s) ... allocated from:".
                let allocation = lines.dropFirst(index).firstIndex { $0.contains("allocated from:") } ?? index
                return ("leak", allocation)
            }
            if let range = line.range(of: "runtime error: ") {
                let what = line[range.upperBound...].split(separator: ":").first.map { normalized(String($0)) } ?? "error"
                return ("UBSan " + what, index)
            }
            if let range = line.range(of: "WARNING: ThreadSanitizer: ") {
                return ("TSan " + normalized(String(line[range.upperBound...]).replacingOccurrences(of: #"\s*\(pid=\d+\)"#, with: "", options: .regularExpression)), index)
            }
            if line.contains("ERROR: libFuzzer: timeout") { return ("timeout", index) }
            if line.contains("ERROR: libFuzzer: out-of-memory") { return ("out-of-memory", index) }
            if trap == nil, let range = line.range(of: "Fatal error: ") {
                trap = "Swift trap: " + normalized(String(line[range.upperBound...]))
            }
            if line.contains("ERROR: libFuzzer: deadly signal") { return (trap ?? "deadly signal", index) }
            if line.contains("ERROR: libFuzzer:") {
                return ("libFuzzer " + normalized(String(line[line.range(of: "ERROR: libFuzzer: ")!.upperBound...])), index)
            }
        }
        return nil
    }

    /// "#4 0x5628 in Swift runtime failure: Index out of range /<compiler-generated>" -> "Index out of range".
    private static func runtimeFailure(in lines: ArraySlice<String>) -> String? {
        for line in lines {
            guard let range = line.range(of: " in Swift runtime failure: ") else { continue }
            let rest = line[range.upperBound...]
            return String(rest.range(of: " /", options: .backwards).map { rest[..<$0.lowerBound] } ?? rest)
        }
        return nil
    }

    /// "Target: invariant violated at Module/File.swift:12: ..." -> "Module/File.swift".
    private static func invariantLocation(_ line: String) -> String? {
        guard let range = line.range(of: #"invariant violated at [^:]+:"#, options: .regularExpression) else { return nil }
        return String(line[range].dropFirst("invariant violated at ".count).dropLast())
    }

    /// The first frames of the first stack after `start` that are the project's or a C
    /// library's code: frames with a source file outside the toolchain's and libc's, not in
    /// Seam's driver.
    private static func frames(in lines: [String], after start: Int) -> [String] {
        var frames: [String] = []
        var inStack = false
        for line in lines.dropFirst(start + 1) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.range(of: #"^#\d+ 0x[0-9a-f]+"#, options: .regularExpression) != nil else {
                if inStack { break } else { continue }
            }
            inStack = true
            guard let frame = frame(trimmed) else { continue }
            frames.append(frame)
            if frames.count == depth { break }
        }
        return frames
    }

    /// Functions of the sanitizer runtimes, libFuzzer, the allocator and Seam's driver.
    private static let runtimeFunctions = ["__sanitizer", "__asan", "__ubsan", "__tsan", "__lsan", "__interceptor", "fuzzer::", "LLVMFuzzer", "seam_",
                                           "fuzzMain", "malloc", "calloc", "realloc", "free", "operator new", "Swift runtime failure", "static FuzzTarget.run("]

    /// "#3 0x55f4 in ZSTD_decompress /path/zstd_decompress.c:12:3" -> "ZSTD_decompress", or nil
    /// for a frame of the runtime, libFuzzer, libc or Seam's driver.
    private static func frame(_ line: String) -> String? {
        guard let inRange = line.range(of: " in ") else { return nil }
        let rest = String(line[inRange.upperBound...])
        // The location is the last word: "/abs/file.c:12:3" (or "file.c:12" with no column).
        guard let space = rest.range(of: " /", options: .backwards) else { return nil }
        let function = String(rest[..<space.lowerBound]), location = String(rest[space.upperBound...])
        guard !location.hasPrefix("home/build-user/"), !location.contains("compiler-rt/"), !location.contains("llvm-project/"),
              !location.contains("/swift/stdlib/"), !location.hasPrefix("<compiler-generated>"), !location.hasSuffix(")")
        else { return nil }
        if runtimeFunctions.contains(where: function.hasPrefix) || function.contains("testOneInput") || function.hasSuffix("_main") { return nil }
        // A specialized copy and the generic function are one place in the source.
        let unspecialized = function.hasPrefix("specialized ") ? String(function.dropFirst("specialized ".count)) : function
        return unspecialized.replacingOccurrences(of: #" \[clone [^\]]*\]"#, with: "", options: .regularExpression)
    }

    /// Whole numbers become N (sizes, counts, addresses), the first line only, at most 100 characters.
    private static func normalized(_ text: String) -> String {
        let first = text.split(separator: "\n").first.map(String.init) ?? text
        // Whole numbers only: "A1" names something, "812 bytes" is a size.
        let numbers = first.replacingOccurrences(of: #"\b(0x[0-9a-fA-F]+|\d+)\b"#, with: "N", options: .regularExpression)
        return String(numbers.trimmingCharacters(in: .whitespaces).prefix(100))
    }
}
