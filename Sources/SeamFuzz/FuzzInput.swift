/// Structured values drawn from one fuzzer input, in the manner of LLVM's FuzzedDataProvider:
/// integers and choices come from the back of the buffer, byte strings from the front, so a
/// mutation of one value rarely shifts the others.
///
/// Every method is total: when the input runs out it returns the smallest value of the
/// requested range, an empty array or an empty string, never a trap.
public struct FuzzInput: Sendable {
    // The generic draws are @inlinable so that each target's module specializes them for its
    // types: called across modules, a draw ran unspecialized, every integer operation a
    // witness-table call (BENCHMARKS.md 2a, the decompress mirror).
    @usableFromInline var data: [UInt8]
    @usableFromInline var front: Int
    @usableFromInline var back: Int

    /// Wraps one input.
    public init(_ data: [UInt8]) {
        self.data = data
        self.front = 0
        self.back = data.count
    }

    /// The number of bytes not consumed yet.
    public var remainingCount: Int { back - front }

    /// True once every byte was consumed.
    public var isEmpty: Bool { front == back }

    /// An integer in `range`, from as few bytes as the range needs.
    @inlinable
    public mutating func int<T: FixedWidthInteger>(in range: ClosedRange<T>) -> T {
        let span = UInt64(truncatingIfNeeded: range.upperBound &- range.lowerBound)
            & (T.bitWidth >= 64 ? UInt64.max : (UInt64(1) << T.bitWidth) - 1)
        var result: UInt64 = 0
        var offset = 0
        while offset < 64, (span >> offset) > 0, back > front {
            back -= 1
            result = (result << 8) | UInt64(data[back])
            offset += 8
        }
        if span != UInt64.max {
            result %= span + 1
        }
        return range.lowerBound &+ T(truncatingIfNeeded: result)
    }

    /// An integer in `range`.
    @inlinable
    public mutating func int<T: FixedWidthInteger>(in range: Range<T>) -> T {
        precondition(!range.isEmpty, "FuzzInput.int(in:) needs a non-empty range")
        return int(in: range.lowerBound...(range.upperBound - 1))
    }

    /// A boolean from the lowest bit of one byte.
    public mutating func bool() -> Bool {
        int(in: UInt8(0)...1) == 1
    }

    /// The union of those `choices` for which one bool each, drawn in order, comes out true.
    @inlinable
    public mutating func options<Options: OptionSet>(from choices: [Options]) -> Options where Options.Element == Options {
        var chosen: Options = []
        for option in choices where bool() {
            chosen.insert(option)
        }
        return chosen
    }

    /// The union of those `choices` whose bit is set in one integer of `choices.count` bits:
    /// the same draw as `options(from:)` in a byte per eight choices rather than one each, so
    /// the fuzzer's shortest inputs still reach the data after it.
    @inlinable
    public mutating func options<Options: OptionSet>(packedFrom choices: [Options]) -> Options where Options.Element == Options {
        precondition(choices.count <= 64, "FuzzInput.options(packedFrom:) packs up to 64 choices")
        let bits = int(in: 0...(choices.count == 64 ? UInt64.max : (UInt64(1) << choices.count) - 1))
        var chosen: Options = []
        for (index, option) in choices.enumerated() where bits & (UInt64(1) << index) != 0 {
            chosen.insert(option)
        }
        return chosen
    }

    /// One element of a non-empty collection.
    @inlinable
    public mutating func pick<C: Collection>(from choices: C) -> C.Element {
        precondition(!choices.isEmpty, "FuzzInput.pick(from:) needs a non-empty collection")
        let offset = int(in: 0..<choices.count)
        return choices[choices.index(choices.startIndex, offsetBy: offset)]
    }

    /// Up to `maxCount` bytes from the front, ended early by a backslash followed by any byte
    /// but another backslash (`\\` stands for one backslash), as FuzzedDataProvider's
    /// ConsumeRandomLengthString: the fuzzer learns to cut a value where it likes.
    public mutating func bytes(maxCount: Int) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(min(maxCount, remainingCount))
        while result.count < maxCount, front < back {
            let byte = data[front]
            front += 1
            if byte == UInt8(ascii: "\\"), front < back {
                let next = data[front]
                front += 1
                if next != UInt8(ascii: "\\") { break }
            }
            result.append(byte)
        }
        return result
    }

    /// Exactly `count` bytes from the front, or fewer when the input runs out.
    public mutating func bytes(count: Int) -> [UInt8] {
        let taken = min(max(count, 0), remainingCount)
        defer { front += taken }
        return Array(data[front..<(front + taken)])
    }

    /// Exactly `count` bytes from the front, or fewer when the input runs out, sharing the
    /// input's storage instead of copying: for a byte string read once and let go.
    public mutating func slice(count: Int) -> ArraySlice<UInt8> {
        let taken = min(max(count, 0), remainingCount)
        defer { front += taken }
        return data[front..<(front + taken)]
    }

    /// Every byte not consumed yet.
    ///
    /// The input's own storage is handed over, trimmed in place, rather than copied: its
    /// buffer is unique when the harness made it, so a target's main byte string costs no
    /// second allocation.
    public mutating func remainingBytes() -> [UInt8] {
        var rest: [UInt8] = []
        swap(&rest, &data)
        // Each trim is a branchy stdlib call, and every branch it takes is a coverage edge
        // libFuzzer handles after every input: skip them when there is nothing to trim.
        if back < rest.count { rest.removeSubrange(back...) }
        if front > 0 { rest.removeSubrange(..<front) }
        front = 0
        back = 0
        return rest
    }

    /// A string of up to `maxCount` bytes, decoded as UTF-8 with invalid sequences repaired.
    public mutating func string(maxCount: Int) -> String {
        String(decoding: bytes(maxCount: maxCount), as: UTF8.self)
    }
}

/// Writes an input that a target reading values in the same order will see: the inverse of
/// `FuzzInput`, for the deterministic seed generators.
public struct FuzzInputBuilder: Sendable {
    private var frontBytes: [UInt8] = []
    private var backBytes: [UInt8] = []

    public init() {}

    /// Appends an integer that `FuzzInput.int(in:)` with the same range will return.
    public mutating func int<T: FixedWidthInteger>(_ value: T, in range: ClosedRange<T>) {
        precondition(range.contains(value), "value outside its range")
        let span = UInt64(truncatingIfNeeded: range.upperBound &- range.lowerBound)
            & (T.bitWidth >= 64 ? UInt64.max : (UInt64(1) << T.bitWidth) - 1)
        let raw = UInt64(truncatingIfNeeded: value &- range.lowerBound)
            & (T.bitWidth >= 64 ? UInt64.max : (UInt64(1) << T.bitWidth) - 1)
        var width = 0
        while width < 64, (span >> width) > 0 { width += 8 }
        // FuzzInput reads the last byte first, as the most significant one.
        var chunk: [UInt8] = []
        for index in stride(from: 0, to: width, by: 8) {
            chunk.append(UInt8(truncatingIfNeeded: raw >> index))
        }
        backBytes = chunk + backBytes
    }

    /// Appends an integer that `FuzzInput.int(in:)` with the same half-open range will return.
    public mutating func int<T: FixedWidthInteger>(_ value: T, in range: Range<T>) {
        int(value, in: range.lowerBound...(range.upperBound - 1))
    }

    public mutating func bool(_ value: Bool) {
        int(UInt8(value ? 1 : 0), in: 0...1)
    }

    /// Appends the choices of `FuzzInput.options(from:)` that make `chosen`: one flag per
    /// element of `choices`, set when `chosen` contains it.
    public mutating func options<Options: OptionSet>(_ chosen: Options, from choices: [Options]) where Options.Element == Options {
        for option in choices {
            bool(chosen.contains(option))
        }
    }

    /// Appends the bits of `FuzzInput.options(packedFrom:)` that make `chosen`.
    public mutating func options<Options: OptionSet>(_ chosen: Options, packedFrom choices: [Options]) where Options.Element == Options {
        var bits: UInt64 = 0
        for (index, option) in choices.enumerated() where chosen.contains(option) {
            bits |= UInt64(1) << index
        }
        int(bits, in: 0...(choices.count == 64 ? UInt64.max : (UInt64(1) << choices.count) - 1))
    }

    /// Appends the index of `value` in `choices`, for `FuzzInput.pick(from:)`.
    public mutating func pick<C: Collection>(_ value: C.Element, from choices: C) where C.Element: Equatable {
        guard let index = choices.firstIndex(of: value) else { preconditionFailure("not a choice") }
        int(choices.distance(from: choices.startIndex, to: index), in: 0..<choices.count)
    }

    /// Appends a byte string for `FuzzInput.bytes(maxCount:)`, escaped and terminated.
    public mutating func bytes(_ value: [UInt8]) {
        for byte in value {
            frontBytes.append(byte)
            if byte == UInt8(ascii: "\\") { frontBytes.append(byte) }
        }
        frontBytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
    }

    public mutating func string(_ value: String) {
        bytes(Array(value.utf8))
    }

    /// Appends bytes for `FuzzInput.remainingBytes()`; must come last.
    public mutating func remainingBytes(_ value: [UInt8]) {
        frontBytes += value
    }

    /// The input: front bytes, then the integers in reverse order of reading.
    public var data: [UInt8] { frontBytes + backBytes }
}
