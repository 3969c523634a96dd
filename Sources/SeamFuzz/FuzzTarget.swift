/// A fuzz target: one property-checking body that libFuzzer, the standalone reproducer and the
/// in-process test suite all run.
///
/// The body draws what it needs from the input and calls the code under test. Bad input that
/// the code under test rejects with its own typed error is expected: the body catches it.
/// A broken property is reported by throwing `InvariantViolation` (see `invariant(_:_:)`),
/// which libFuzzer records as a crash and the reproducer reports with the input's name.
public protocol FuzzTarget: Sendable {
    /// Runs the code under test on one input and checks its properties.
    static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation)

    /// Deterministic seed inputs for this target, written to Corpus/<Target>/ by `seam seeds`.
    static var seeds: [[UInt8]] { get }

    /// The target's name: the folder under Fuzz/, Corpus/ and Corpus/Regressions/. The type's
    /// name by default; override it when that name is taken (by a wrapper type, say).
    static var name: String { get }

    /// What one input may cost (see `FuzzBudget`); `FuzzBudget.default` unless the target
    /// declares its own.
    static var budget: FuzzBudget { get }

    /// The `-max_len` the driver gives libFuzzer unless the command line sets one; nil keeps
    /// libFuzzer's choice (4096 bytes, or the corpus's largest file). A target whose bugs need
    /// size says how much here and also makes size cheap to express (a repeat count drawn from
    /// the input), so that the fuzzer reaches it.
    static var maxInputLength: Int? { get }
}

extension FuzzTarget {
    public static var seeds: [[UInt8]] { [] }

    public static var name: String { String(describing: self) }

    public static var budget: FuzzBudget { .default }

    public static var maxInputLength: Int? { nil }

    /// Runs the body on raw bytes.
    public static func run(_ data: [UInt8]) throws(InvariantViolation) {
        var input = FuzzInput(data)
        try fuzz(&input)
    }

    /// Runs the body on a copy of the fuzzer's buffer: the one copy of the input the harness
    /// makes, held only by the FuzzInput, so `remainingBytes()` can hand it over.
    static func run(copying buffer: UnsafeBufferPointer<UInt8>) throws(InvariantViolation) {
        var input = FuzzInput(Array(buffer))
        try fuzz(&input)
    }
}

/// A property of the code under test that did not hold.
public struct InvariantViolation: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let file: String
    public let line: Int

    public init(_ message: String, file: String = #fileID, line: Int = #line) {
        self.message = message
        self.file = file
        self.line = line
    }

    public var description: String { "invariant violated at \(file):\(line): \(message)" }
}

/// Throws an `InvariantViolation` carrying `message` unless `condition` holds.
@inlinable
public func invariant(
    _ condition: @autoclosure () -> Bool,
    _ message: @autoclosure () -> String,
    file: String = #fileID,
    line: Int = #line
) throws(InvariantViolation) {
    if !condition() {
        throw InvariantViolation(message(), file: file, line: line)
    }
}

/// Returns what `body` returns, turning any error it throws into an `InvariantViolation`:
/// for calls that must succeed on the input at hand (decompressing a frame just compressed,
/// re-parsing a document just serialized).
@inlinable
public func mustSucceed<Value, Failure: Error>(
    _ what: @autoclosure () -> String,
    file: String = #fileID,
    line: Int = #line,
    _ body: () throws(Failure) -> Value
) throws(InvariantViolation) -> Value {
    do {
        return try body()
    } catch {
        throw InvariantViolation("\(what()) failed: \(error)", file: file, line: line)
    }
}
