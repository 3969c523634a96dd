import Foundation
import SeamFuzz

/// A test-only target with planted budget bugs, one per process, chosen by the environment
/// variable SEAM_PLANTED (recursion, quadratic or memory). Each is reached by an input that
/// starts with a byte and carries a 16-bit size, as a size-driven target would draw it:
/// - recursion: one frame per level, up to 20,000 levels: a few MiB, which the main thread's
///   8 MiB hides and the driver's 256 KiB stack does not;
/// - quadratic: size² steps, seconds at the top of the range, over the 1-second budget;
/// - memory: size × 4 KiB held at once, up to 256 MiB, over the 64 MiB budget.
/// Nothing here is wrong in the sense of a property: only the budgets can catch them.
public enum PlantedBudgets: FuzzTarget {
    static let planted = ProcessInfo.processInfo.environment["SEAM_PLANTED"] ?? ""

    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let size = input.int(in: 0...65_535)
        switch planted {
        case "recursion": _ = descend(size % 20_000)
        case "quadratic": _ = spin(size)
        case "memory": _ = hold(size)
        default: return
        }
    }

    // Unoptimized in every build (fuzzers build in release), so that the recursion stays a
    // recursion and the loops stay loops.
    @_optimize(none)
    static func descend(_ depth: Int) -> Int {
        guard depth > 0 else { return 0 }
        var frame = (depth, depth &+ 1, depth &+ 2, depth &+ 3, depth &+ 4, depth &+ 5, depth &+ 6, depth &+ 7)
        let below = descend(depth - 1)
        return withUnsafeMutableBytes(of: &frame) { Int($0[0]) } &+ below
    }

    @_optimize(none)
    static func spin(_ size: Int) -> Int {
        var total = 0
        for i in 0..<size {
            for j in 0..<size { total = total &+ (i ^ j) }
        }
        return total
    }

    @_optimize(none)
    static func hold(_ size: Int) -> Int {
        let blocks = (0..<size).map { _ in [UInt8](repeating: 1, count: 4096) }
        return blocks.reduce(0) { $0 &+ Int($1[0]) }
    }
}
