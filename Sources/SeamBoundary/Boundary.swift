#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSeamBoundary
import Synchronization

/// Records which C functions the wrappers call and whether each call succeeded, for the
/// boundary contract check (`seam contract`). Off unless SEAM_BOUNDARY_LOG names a file;
/// then the counts are appended to it at exit, one line per function:
/// `<function> <successful calls> <failed calls>`.
///
/// Threading: safe from any thread (a mutex guards the counts). Cost when off: one load of
/// an initialized global per recorded call.
public enum Boundary {
    static let logPath: String? = getenv("SEAM_BOUNDARY_LOG").map { String(cString: $0) }
    static let counts = Mutex<[String: (ok: Int, failed: Int)]>([:])
    static let exitHook: Void = {
        atexit { Boundary.flush() }
    }()

    /// Records one call of `function` and whether it succeeded.
    @inlinable @inline(__always)
    public static func record(_ function: StaticString, ok: Bool) {
        // A C global set before main from the same variable as `logPath`: one load per call
        // when recording is off (callgrind: 44 instructions for a wrapper's two records
        // with a lazily initialized Swift global).
        guard seam_boundary_enabled() else { return }
        recordSlow(function.description, ok: ok)
    }

    @usableFromInline @inline(never)
    static func recordSlow(_ function: String, ok: Bool) {
        _ = exitHook
        counts.withLock { counts in
            var entry = counts[function] ?? (0, 0)
            if ok { entry.ok += 1 } else { entry.failed += 1 }
            counts[function] = entry
        }
    }

    static func flush() {
        guard let logPath, let file = fopen(logPath, "a") else { return }
        defer { fclose(file) }
        for (function, entry) in counts.withLock({ $0 }) {
            fputs("\(function) \(entry.ok) \(entry.failed)\n", file)
        }
    }
}
