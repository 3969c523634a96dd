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

extension Boundary {
    /// `capacity`, the room a wrapper tells a C function it has at `buffer.baseAddress`,
    /// checked against the buffer it came from. ASan sees only the bytes C actually writes, so
    /// a capacity past the buffer goes unnoticed until some input makes C use it all; this
    /// traps on every call instead, naming `function`. Checked in debug builds and whenever
    /// AddressSanitizer is linked (where the memory behind the buffer is checked too); free
    /// otherwise. A wrong capacity is a bug in the wrapper, never bad input, hence the trap.
    ///
    /// ```swift
    /// var length = uLongf(Boundary.capacity(out.count, of: out, for: "uncompress"))
    /// let status = uncompress(out.baseAddress, &length, source.baseAddress, sourceLength)
    /// ```
    @inlinable @inline(__always)
    public static func capacity(_ capacity: Int, of buffer: UnsafeMutableBufferPointer<UInt8>, for function: StaticString) -> Int {
        #if DEBUG
        let checks = true
        #else
        let checks = seam_boundary_asan()
        #endif
        if checks, let violation = capacityViolation(capacity, of: buffer) {
            fatalError("\(function): \(violation)")
        }
        return capacity
    }

    /// Whether AddressSanitizer's runtime is linked into this process.
    public static var addressSanitizerLinked: Bool { seam_boundary_asan() }

    /// `length` as the integer type a C function takes (`Int32` for an `int` length, `UInt32`
    /// for a `uInt`), or nil when it does not fit: the wrapper then throws its own typed error
    /// instead of handing C a truncated length. Every narrowing for C goes through here.
    @inlinable @inline(__always)
    public static func narrow<Narrow: FixedWidthInteger>(_ length: Int, to type: Narrow.Type = Narrow.self) -> Narrow? {
        Narrow(exactly: length)
    }

    /// What is wrong with handing C `capacity` bytes at `buffer`, or nil: a capacity past the
    /// buffer's count, or, under AddressSanitizer, a buffer whose end is not addressable
    /// memory (its first and last bytes up to 64 of them are asked, so the check stays O(1)).
    public static func capacityViolation(_ capacity: Int, of buffer: UnsafeMutableBufferPointer<UInt8>) -> String? {
        guard capacity >= 0, capacity <= buffer.count else {
            return "capacity \(capacity) passed with a buffer of \(buffer.count) bytes"
        }
        guard capacity > 0, let start = buffer.baseAddress else { return nil }
        let tail = min(capacity, 64)
        guard seam_boundary_is_addressable(start, 1), seam_boundary_is_addressable(start + (capacity - tail), tail) else {
            return "capacity \(capacity) reaches past the memory behind the buffer (AddressSanitizer)"
        }
        return nil
    }
}
