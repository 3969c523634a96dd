import SeamTool
import Testing

@Suite struct CrashSignatures {
    static let asan = """
        INFO: Seed: 1
        =================================================================
        ==4242==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000000018 at pc 0x55d0 bp 0x7ffc sp 0x7ff0
        READ of size 4 at 0x602000000018 thread T0
            #0 0x55d0a1 in xmlParseCharData /work/p/.seam/deps/build/libxml2-address/parser.c:4512:9
            #1 0x55d0a2 in xmlParseContent /work/p/.seam/deps/build/libxml2-address/parser.c:9981:3
            #2 0x55d0a3 in XMLDocument.init(parsing:options:) /work/p/Sources/LibXML2/XMLDocument.swift:88:5
            #3 0x55d0a4 in XMLParse.fuzz(_:) /work/p/Sources/XMLFuzzTargets/XMLParse.swift:20:9
            #4 0x55d0a5 in closure #1 in variable initialization expression of testOneInput /work/p/Sources/SeamFuzz/FuzzMain.swift:13:9
            #5 0x55d0a6 in fuzzer::Fuzzer::ExecuteCallback(unsigned char const*, unsigned long) /home/build-user/llvm-project/compiler-rt/lib/fuzzer/FuzzerLoop.cpp:619:13

        0x602000000018 is located 0 bytes after 8-byte region
        """

    @Test func aBudgetViolationIsItsOwnKindWhateverTheFigures() throws {
        let slow = "==SEAM== XMLParse: over the time budget: the input took 1.52 s, the budget is 1.0 s (-seam_time_budget=<seconds>)\n==99== ERROR: libFuzzer: deadly signal\n    #0 0x1 in abort\n"
        let slower = slow.replacingOccurrences(of: "1.52 s", with: "7.9 s").replacingOccurrences(of: "==99==", with: "==7==")
        let large = "==SEAM== XMLParse: over the memory budget: the input grew memory by 80 MiB at its peak, the budget is 64 MiB (-seam_memory_budget=<MiB>)\n"
        #expect(try #require(CrashSignature.parse(slow)) == CrashSignature(kind: "budget: time", frames: []))
        #expect(CrashSignature.parse(slower) == CrashSignature.parse(slow))
        #expect(try #require(CrashSignature.parse(large)) == CrashSignature(kind: "budget: memory", frames: []))
    }

    @Test func aSanitizerReportIsItsKindAndTopProjectFrames() throws {
        let signature = try #require(CrashSignature.parse(Self.asan))
        #expect(signature.kind == "ASan heap-buffer-overflow READ")
        #expect(signature.frames == ["xmlParseCharData", "xmlParseContent", "XMLDocument.init(parsing:options:)"])
        #expect(signature.description == "ASan heap-buffer-overflow READ @ xmlParseCharData < xmlParseContent < XMLDocument.init(parsing:options:)")
    }

    @Test func addressesLinesAndTheTargetDoNotSplitABug() throws {
        // The same bug reached through another target, at other addresses, in a rebuilt library.
        let other = Self.asan
            .replacingOccurrences(of: "0x55d0", with: "0x7f31").replacingOccurrences(of: "==4242==", with: "==77==")
            .replacingOccurrences(of: "parser.c:4512:9", with: "parser.c:4530:11").replacingOccurrences(of: "size 4", with: "size 1")
            .replacingOccurrences(of: "XMLParse.fuzz", with: "XMLInZstd.fuzz")
        #expect(CrashSignature.parse(other) == CrashSignature.parse(Self.asan))
        #expect(CrashSignature.parse(other)?.id == CrashSignature.parse(Self.asan)?.id)
    }

    @Test func aBrokenInvariantIsItsMessageAndFile() throws {
        let report = """
            Running: /tmp/a/crash-1
            ==SEAM== YAMLRoundTrip: invariant violated at YAMLFuzzTargets/YAMLRoundTrip.swift:19: parsing what the emitter wrote:
            --- &a0 !!str
            ...
             failed: YAML parser error at line 2, column 1
            ==5069== ERROR: libFuzzer: deadly signal
                #0 0x55f4 in __sanitizer_print_stack_trace /home/build-user/llvm-project/compiler-rt/lib/asan/asan_stack.cpp:87:3
            """
        let signature = try #require(CrashSignature.parse(report))
        #expect(signature.kind == "invariant: parsing what the emitter wrote:")
        #expect(signature.frames == ["YAMLFuzzTargets/YAMLRoundTrip.swift"])
        let sameWithOtherNumbers = report.replacingOccurrences(of: ".swift:19:", with: ".swift:23:")
        #expect(CrashSignature.parse(sameWithOtherNumbers) == signature)
        let messageWithCounts = "==SEAM== ZstdRoundTrip: invariant violated at ZstdFuzzTargets/ZstdRoundTrip.swift:40: round trip of 812 bytes gave 811\n"
        #expect(CrashSignature.parse(messageWithCounts)?.kind == "invariant: round trip of N bytes gave N")
    }

    @Test func aSwiftTrapIsItsMessageAndFrames() throws {
        let report = """
            Swift/ContiguousArrayBuffer.swift:690: Fatal error: Index out of range
            ==12== ERROR: libFuzzer: deadly signal
                #0 0x55f4 in __sanitizer_print_stack_trace /home/build-user/llvm-project/compiler-rt/lib/asan/asan_stack.cpp:87:3
                #1 0x55f5 in fuzzer::PrintStackTrace() /home/build-user/llvm-project/compiler-rt/lib/fuzzer/FuzzerUtil.cpp:210:5
                #2 0x7f52 in __pthread_kill_implementation nptl/pthread_kill.c:43:17
                #3 0x7f53 in Swift runtime failure: Index out of range /home/build-user/swift/stdlib/public/core/ContiguousArrayBuffer.swift:690:23
                #3 0x7f54 in Array.subscript.getter /home/build-user/swift-foundation/Sources/FoundationEssentials/Data.swift:100:5
                #4 0x55f6 in PlantedTrap.fuzz(_:) /work/p/Tests/Planted/PlantedTargets/PlantedTrap.swift:11:17
                #5 0x55f7 in fuzzMain<A>(_:) /work/p/Sources/SeamFuzz/FuzzMain.swift:40:14
            """
        let signature = try #require(CrashSignature.parse(report))
        #expect(signature.kind == "Swift trap: Index out of range")
        #expect(signature.frames == ["PlantedTrap.fuzz(_:)"])
    }

    @Test func aReleaseTrapIsNamedByItsRuntimeFailureFrame() throws {
        let report = """
            ==19012== ERROR: libFuzzer: deadly signal
                #0 0x562f in __sanitizer_print_stack_trace /home/build-user/llvm-project/compiler-rt/lib/asan/asan_stack.cpp:87:3
                #3 0x7f17  (/lib/x86_64-linux-gnu/libc.so.6+0x3c04f) (BuildId: 93ac61ec)
                #4 0x5628 in Swift runtime failure: Index out of range /<compiler-generated>
                #5 0x5628 in specialized Array._checkSubscript(_:wasNativeTypeChecked:) /<compiler-generated>
                #7 0x5628 in specialized static PlantedThreeBugs.fuzz(_:) /work/p/Tests/Planted/PlantedTargets/PlantedThreeBugs.swift:15:22
                #8 0x5628 in static PlantedThreeBugs.fuzz(_:) /<compiler-generated>
                #10 0x5628 in static FuzzTarget.run(_:) /work/p/Sources/SeamFuzz/FuzzTarget.swift:28:13
                #15 0x5628 in seam_run_libfuzzer /work/p/Sources/CSeamDriver/driver.c:24:12
            """
        let signature = try #require(CrashSignature.parse(report))
        #expect(signature.kind == "Swift trap: Index out of range")
        #expect(signature.frames == ["static PlantedThreeBugs.fuzz(_:)"])
    }

    @Test(arguments: [
        ("==9== ERROR: libFuzzer: timeout after 10 seconds\n    #0 0x1 in xmlXPathCompOpEval /w/xpath.c:1:1\n", "timeout"),
        ("==9== ERROR: libFuzzer: out-of-memory (used: 2100Mb; exceeds: 2048Mb)\n    #0 0x1 in malloc /home/build-user/llvm-project/compiler-rt/x.cpp:1:1\n    #1 0x2 in xmlXPathCompOpEval /w/xpath.c:1:1\n", "out-of-memory"),
        ("/w/planted.c:16:18: runtime error: signed integer overflow: 9 + 2147483647 cannot be represented in type 'int'\n    #0 0x1 in planted_signed_overflow /w/planted.c:16:18\n", "UBSan signed integer overflow"),
        ("==1==ERROR: LeakSanitizer: detected memory leaks\n\nDirect leak of 64 byte(s) in 1 object(s) allocated from:\n    #0 0x1 in malloc /home/build-user/llvm-project/compiler-rt/lib/asan/asan_malloc_linux.cpp:68:3\n    #1 0x2 in xmlXPathCompOpEval /w/xpath.c:1:1\n", "leak"),
    ])
    func everyKindOfFailureIsNamed(report: String, kind: String) throws {
        let signature = try #require(CrashSignature.parse(report))
        #expect(signature.kind == kind)
        if kind != "UBSan signed integer overflow" { #expect(signature.frames == ["xmlXPathCompOpEval"]) }
    }

    @Test func aCleanRunHasNoSignature() {
        #expect(CrashSignature.parse("INFO: Seed: 1\nExecuted /tmp/x in 0 ms\n") == nil)
    }
}
