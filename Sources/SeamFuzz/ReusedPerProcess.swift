import Synchronization

/// A value made once per process, on first use, and lent to one input at a time (callers on
/// other threads, as in the tests' replay, wait their turn): for a context that costs more to
/// create than a typical input costs to run, as libFuzzer harnesses keep theirs in statics.
/// Each input gets the value as the last one left it, so the body resets whatever must not
/// carry over. A failure that needs that history shows as a crash whose input alone does not
/// reproduce it (`seam repro` runs one input in a new process).
public final class ReusedPerProcess<Value>: Sendable {
    private let slot = Mutex<Value?>(nil)
    private let make: @Sendable () throws(InvariantViolation) -> Value

    public init(_ make: @escaping @Sendable () throws(InvariantViolation) -> Value) {
        self.make = make
    }

    /// Runs `body` with the value, making it first if this is the first use.
    public func use(_ body: (Value) throws(InvariantViolation) -> Void) throws(InvariantViolation) {
        try slot.withLock { (stored: inout Value?) throws(InvariantViolation) in
            if let value = stored { return try body(value) }
            let value = try make()
            stored = value
            try body(value)
        }
    }
}
