import SeamFuzz
import Testing

@Suite struct FuzzInputTests {
    @Test func integersComeFromTheBackWithinRange() {
        var input = FuzzInput([0xAA, 0x01, 0x02])
        #expect(input.int(in: UInt8(0)...255) == 0x02)
        #expect(input.int(in: 0...9) == 1)
        #expect(input.remainingCount == 1)
        for _ in 0..<10 { #expect((10...20).contains(input.int(in: 10...20))) }
    }

    @Test func exhaustedInputGivesSmallestValues() {
        var input = FuzzInput([])
        #expect(input.int(in: -5...5) == -5)
        #expect(input.bool() == false)
        #expect(input.bytes(maxCount: 10) == [])
        #expect(input.string(maxCount: 10) == "")
        #expect(input.pick(from: ["a", "b"]) == "a")
        #expect(input.isEmpty)
    }

    @Test func bytesStopAtAnEscapeAndUnescapeBackslashes() {
        var input = FuzzInput(Array("ab\\\\c\\xrest".utf8))
        #expect(input.bytes(maxCount: 100) == Array("ab\\c".utf8))
        #expect(input.remainingBytes() == Array("rest".utf8))
    }

    @Test func remainingBytesAreTheMiddleAndEndTheInput() {
        var input = FuzzInput(Array(0..<64))
        #expect(input.int(in: UInt8(0)...255) == 63)
        #expect(input.bytes(count: 3) == [0, 1, 2])
        #expect(input.remainingBytes() == Array(3..<63))
        #expect(input.isEmpty)
        #expect(input.remainingBytes() == [])
        #expect(input.int(in: 7...9) == 7)
        // A copy of the input is unaffected by the hand-over.
        let original: [UInt8] = [1, 2, 3]
        var shared = FuzzInput(original)
        #expect(shared.remainingBytes() == [1, 2, 3])
        #expect(original == [1, 2, 3])
    }

    @Test func bytesRespectMaxCount() {
        var input = FuzzInput(Array("abcdef".utf8))
        #expect(input.bytes(maxCount: 2) == Array("ab".utf8))
        #expect(input.bytes(count: 3) == Array("cde".utf8))
    }

    @Test func slicesAreTheBytesCountWouldCopy() {
        var input = FuzzInput(Array("abcdefg".utf8))
        #expect(input.int(in: UInt8(0)...255) == UInt8(ascii: "g"))
        #expect(Array(input.slice(count: 2)) == Array("ab".utf8))
        let rest = input.slice(count: 10)
        #expect(Array(rest) == Array("cdef".utf8))
        #expect(input.isEmpty)
        #expect(input.slice(count: 1).isEmpty)
        // The slice keeps its bytes once the input has handed its storage over.
        var handed = FuzzInput(Array("xyz".utf8))
        let head = handed.slice(count: 1)
        #expect(handed.remainingBytes() == Array("yz".utf8))
        #expect(Array(head) == Array("x".utf8))
    }

    @Test func fullWidthIntegersUseEveryByte() {
        var input = FuzzInput([1, 2, 3, 4, 5, 6, 7, 8])
        #expect(input.int(in: UInt64.min...UInt64.max) == 0x0807_0605_0403_0201)
        var signed = FuzzInput([0xFF])
        #expect(signed.int(in: Int8.min...Int8.max) == Int8.max)
    }

    @Test func packedOptionsTakeOneBitEach() {
        var input = FuzzInput([0xAA, 0b101])
        #expect(input.options(packedFrom: Flags.all) == [Flags(rawValue: 1), Flags(rawValue: 4)])
        #expect(input.remainingBytes() == [0xAA])
    }

    @Test(arguments: 0..<50)
    func builderIsTheInverseOfTheReader(seed: Int) {
        var generator = SplitMix(seed: UInt64(seed))
        let small = Int.random(in: -1_000...1_000, using: &generator)
        let wide = UInt32.random(in: 0...UInt32.max, using: &generator)
        let flag = Bool.random(using: &generator)
        let choice = ["x", "y", "z"].randomElement(using: &generator)!
        let flags = Flags(rawValue: UInt8.random(in: 0...7, using: &generator))
        let packed = Flags(rawValue: UInt8.random(in: 0...7, using: &generator))
        let text = (0..<Int.random(in: 0...20, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let rest = (0..<Int.random(in: 0...20, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }

        var builder = FuzzInputBuilder()
        builder.int(small, in: -1_000...1_000)
        builder.int(wide, in: 0...UInt32.max)
        builder.bool(flag)
        builder.pick(choice, from: ["x", "y", "z"])
        builder.options(flags, from: Flags.all)
        builder.options(packed, packedFrom: Flags.all)
        builder.bytes(text)
        builder.remainingBytes(rest)

        var input = FuzzInput(builder.data)
        #expect(input.int(in: -1_000...1_000) == small)
        #expect(input.int(in: 0...UInt32.max) == wide)
        #expect(input.bool() == flag)
        #expect(input.pick(from: ["x", "y", "z"]) == choice)
        #expect(input.options(from: Flags.all) == flags)
        #expect(input.options(packedFrom: Flags.all) == packed)
        #expect(input.bytes(maxCount: 100) == text)
        #expect(input.remainingBytes() == rest)
    }
}

struct Flags: OptionSet {
    let rawValue: UInt8
    static let all = [Flags(rawValue: 1), Flags(rawValue: 2), Flags(rawValue: 4)]
}

/// A small deterministic generator, so parameterized cases are reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct FuzzBudgets {
    @Test func flagsOverrideTheTargetsBudget() throws {
        let budget = try FuzzBudget.default.overridden(by: ["corpus", "-seam_time_budget=2.5", "-seam_memory_budget=128", "-seam_stack=0", "-runs=5"]).get()
        #expect(budget == FuzzBudget(seconds: 2.5, memoryMiB: 128, stackKiB: 0))
        #expect(try FuzzBudget.default.overridden(by: []).get() == FuzzBudget(seconds: 1, memoryMiB: 64, stackKiB: 256))
    }

    @Test func aMalformedFlagIsNamed() {
        for flag in ["-seam_time_budget=0", "-seam_memory_budget=lots", "-seam_stack=-1"] {
            guard case .failure(let error) = FuzzBudget.default.overridden(by: [flag]) else {
                Issue.record("\(flag) was accepted")
                continue
            }
            #expect(error.flag == flag)
        }
    }

    @Test func violationsNameTheFigureTheBudgetAndTheFlag() {
        let budget = FuzzBudget.default
        #expect(budget.violation(by: FuzzCost(seconds: 0.999, memoryBytes: 64 << 20)) == nil)
        #expect(budget.violation(by: FuzzCost(seconds: 1.5, memoryBytes: 0))
            == "over the time budget: the input took 1.5 s, the budget is 1.0 s (-seam_time_budget=<seconds>)")
        #expect(budget.violation(by: FuzzCost(seconds: 0.2, memoryBytes: 80 << 20))
            == "over the memory budget: the input grew memory by 80 MiB at its peak, the budget is 64 MiB (-seam_memory_budget=<MiB>)")
    }

    @Test func memoryGrowthIsMeasuredAroundTheInput() {
        // Without a sanitizer's allocator the growth is the peak resident size over the size
        // before, and other tests running meanwhile may free more than the input takes, so
        // that the peak stays at the start (seen: 0 once in a full plain run). The best of
        // five windows must show 3/4 of the 32 MiB; a broken measurement (0, or the 8 KiB
        // of the empty call) stays far below in all of them.
        let measured = (0..<5).map { _ in
            FuzzBudget.measure {
                let held = [UInt8](repeating: 7, count: 32 << 20)
                precondition(held[held.count - 1] == 7)
            }.memoryBytes
        }
        #expect(measured.max()! >= 24 << 20, "measured \(measured) bytes")
        #expect(FuzzBudget.measure {}.memoryBytes < 8 << 20)
    }

    @Test func onThreadRunsOnAStackOfTheGivenSize() {
        #expect(onThread(stackBytes: 256 << 10) { currentStackBytes() } == 256 << 10)
        #expect(onThread(stackBytes: 0) { 42 } == 42)
    }
}
