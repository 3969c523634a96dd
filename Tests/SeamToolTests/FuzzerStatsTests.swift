import SeamTool
import Testing

@Suite struct FuzzerStatsParsing {
    @Test func oneProcessStatusLinesAndFinalStats() {
        let log = """
            INFO: Seed: 3825735657
            #2\tINITED cov: 30 ft: 31 corp: 1/12b exec/s: 0 rss: 40Mb
            #1024\tNEW    cov: 35 ft: 40 corp: 4/96b lim: 4096 exec/s: 512 rss: 41Mb L: 20/20 MS: 1 ChangeBit-
            ==99== ERROR: AddressSanitizer: heap-buffer-overflow on address 0x6020
            artifact_prefix='/tmp/a/'; Test unit written to /tmp/a/crash-abc
            stat::number_of_executed_units: 2048
            stat::average_exec_per_sec:     640
            """
        let stats = FuzzerStats.parse(log)
        #expect(stats.runs == 2048)
        #expect(stats.execsPerSecond == 640)
        #expect(stats.coverage == 35)
        #expect(stats.corpusCount == 4)
        #expect(stats.corpusSize == "96b")
        #expect(stats.crashArtifacts == ["/tmp/a/crash-abc"])
        #expect(stats.crashSummary == "==99== ERROR: AddressSanitizer: heap-buffer-overflow on address 0x6020")
        #expect(stats.failuresReported == 0)
    }

    @Test func forkModeParentLines() {
        let log = """
            INFO: -fork=2: fuzzing in separate process(s)
            #25529: cov: 30 ft: 31 corp: 1 exec/s: 0 oom/timeout/crash: 0/0/0 time: 0s job: 2 dft_time: 0
            #7401102: cov: 37 ft: 38 corp: 5 exec/s: 0 oom/timeout/crash: 1/2/134 time: 15s job: 135 dft_time: 0
            ==11371== ERROR: libFuzzer: deadly signal
                #0 0x55f442dfc808 in __sanitizer_print_stack_trace
            #1 0x55f442e338d8 in fuzzer::PrintStackTrace()
            INFO: exiting: 77 time: 15s
            """
        let stats = FuzzerStats.parse(log)
        #expect(stats.runs == 7_401_102)
        #expect(stats.coverage == 37)
        #expect(stats.corpusCount == 5)
        #expect(stats.corpusSize == "")
        #expect(stats.failuresReported == 137)
        #expect(stats.execsPerSecond == 0, "fork mode's parent reports none; the runner divides runs by time")
        #expect(stats.crashSummary == "==11371== ERROR: libFuzzer: deadly signal")
    }

    @Test func linesThatAreNotStatusAreIgnored() {
        let stats = FuzzerStats.parse("#5\tpulse  cov: 3 ft: 4 corp: 1/1b\n#0 0x55f4 in main\n#define X 1\n")
        #expect(stats.runs == 5)
        #expect(stats.coverage == 3)
        #expect(FuzzerStats.parse("Done 12 runs in 1 second(s)\n").runs == 12)
    }
}

@Suite struct TableRendering {
    @Test func columnsAlignUnderAHeaderRule() {
        let table = Table([["target", "runs"], ["ZstdRoundTrip", "7"], ["X", "12345"]]).rendered
        #expect(table == """
            target         runs
            -------------  -----
            ZstdRoundTrip  7
            X              12345
            """)
    }
}

@Suite struct PlotAxes {
    @Test func ticksSpanTheDataNotZero() {
        #expect(LinePlot.ticks(from: 4_000, to: 4_500) == [4_000, 4_200, 4_400, 4_600])
        #expect(LinePlot.ticks(from: 4_013, to: 4_092) == [4_000, 4_020, 4_040, 4_060, 4_080, 4_100])
        #expect(LinePlot.ticks(from: 0, to: 30, about: 4) == [0, 10, 20, 30])
    }

    @Test func aFlatSeriesStillHasAnAxis() {
        let ticks = LinePlot.ticks(from: 37, to: 37)
        #expect(ticks.count >= 2)
        #expect(ticks.first! < 37 && ticks.last! > 37)
    }

    @Test func theSVGLabelsItsAxesAndEscapesText() {
        let svg = LinePlot(title: "A<B", xLabel: "seconds", yLabel: "edges", points: [(0, 4_000), (10, 4_500)]).svg
        #expect(svg.contains(">4000</text>") && svg.contains(">4600</text>"))
        #expect(svg.contains("A&lt;B"))
        #expect(svg.contains(">seconds</text>") && svg.contains(">edges</text>"))
    }
}
