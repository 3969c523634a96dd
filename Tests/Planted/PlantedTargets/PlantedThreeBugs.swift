import SeamFuzz

/// A test-only target with three distinct planted bugs, each one byte away from a seed-like
/// input: a broken invariant ("A1"), an array index out of range ("B2") and a nil unwrapped
/// ("C3"). Triage must report exactly three signatures for the many crash files a run past
/// crashes leaves.
public enum PlantedThreeBugs: FuzzTarget {
    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let bytes = input.remainingBytes()
        if bytes.starts(with: Array("A1".utf8)) {
            throw InvariantViolation("planted bug A: input starts with A1")
        }
        if bytes.starts(with: Array("B2".utf8)) {
            let table = [1, 2]
            _ = table[bytes.count + 2]
        }
        if bytes.starts(with: Array("C3".utf8)) {
            let missing: Int? = bytes.count > 1_000_000 ? 1 : nil
            _ = missing!
        }
    }
}
