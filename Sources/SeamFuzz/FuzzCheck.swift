/// A check a target can run without: a second decoder, a re-evaluation, a serialization that
/// only checks a property. Named, so that one run can leave it out,
/// `-seam_skip_checks=<name>[,<name>...]` on the command line of either build, to measure
/// what it costs and what it buys (`scripts/bench-checks`) or to fuzz faster while it is
/// known to fail.
///
/// Declare it once, as a static: the command line is read when it is first used, after the
/// driver started, and never again.
///
///     static let agreement = FuzzCheck("agreement")
///     ...
///     if agreement.runs { try invariant(first == second, "...") }
public struct FuzzCheck: Sendable {
    public let name: String
    /// False when this run's command line skips the check.
    public let runs: Bool

    public init(_ name: String) {
        self.name = name
        runs = !Self.skipped(by: CommandLine.arguments).contains(name)
    }

    /// The names `-seam_skip_checks=` lists, over every such flag.
    static func skipped(by arguments: [String]) -> Set<String> {
        let flag = "-seam_skip_checks="
        return Set(arguments.filter { $0.hasPrefix(flag) }.flatMap { $0.dropFirst(flag.count).split(separator: ",").map(String.init) })
    }
}
