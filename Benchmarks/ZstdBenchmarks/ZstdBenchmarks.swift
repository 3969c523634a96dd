import Benchmark
import CZstd
import Foundation
import Zstd

// The wrapper against raw C calls from the same process, on the same data, each reusing one
// context. compress/decompress produce a fresh output buffer per call (the raw side mallocs
// and frees it, the wrapper returns an Array); compress-reused/decompress-reused reuse one
// (the raw side one malloc'd buffer, the wrapper withCompressed/withDecompressed and the
// buffer its context keeps). What the wrapper adds is borrowing, bounds and checks.

let sizes: [(String, Int)] = [("1KiB", 1 << 10), ("64KiB", 64 << 10), ("1MiB", 1 << 20), ("16MiB", 16 << 20)]
let levels = [1, 3, 19]

/// Compressible, deterministic text-like data.
func corpus(_ count: Int) -> [UInt8] {
    let words = ["seam", "swift", "boundary", "zstd", "libxml2", "fuzz", "sanitizer", "corpus", "frame", "node"]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count + 16)
    while bytes.count < count {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        bytes += Array(words[Int(state >> 60) % words.count].utf8)
        bytes.append(state & 0x100 == 0 ? 32 : 10)
    }
    return Array(bytes.prefix(count))
}

func configuration(_ size: Int, _ level: Int) -> Benchmark.Configuration {
    let heavy = size >= 1 << 20 && level == 19
    return .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: heavy ? 1 : 3,
        // Level 19 takes 0.3 s a call on 1 MiB: 15 calls, so that the median is not one of
        // five samples.
        maxDuration: .seconds(heavy ? 30 : 2),
        maxIterations: heavy ? 15 : 100_000
    )
}

let benchmarks: @Sendable () -> Void = {
    for (label, size) in sizes {
        let data = corpus(size)
        // 16 MiB at level 19 (seconds a call) is left out: the harness records no throughput
        // for it, and its JMH export, which scripts/bench reads, drops such results.
        for level in levels where !(size == 16 << 20 && level == 19) {
            let config = configuration(size, level)
            Benchmark("compress/\(label)/L\(level)/wrapper", configuration: config) { benchmark in
                let compressor = try ZstdCompressor(level: level)
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    blackHole(try compressor.compress(data))
                }
            }
            Benchmark("compress/\(label)/L\(level)/raw", configuration: config) { benchmark in
                let context = ZSTD_createCCtx()
                defer { ZSTD_freeCCtx(context) }
                ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, Int32(level))
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    data.withUnsafeBytes { source in
                        let bound = ZSTD_compressBound(source.count)
                        let output = malloc(bound)
                        blackHole(ZSTD_compress2(context, output, bound, source.baseAddress, source.count))
                        free(output)
                    }
                }
            }
            if size <= 64 << 10 {
                // Hot loops that reuse their output buffer: withCompressed (a Span over a
                // buffer the compressor keeps) against raw C into one malloc'd buffer.
                Benchmark("compress-reused/\(label)/L\(level)/wrapper", configuration: config) { benchmark in
                    let compressor = try ZstdCompressor(level: level)
                    benchmark.startMeasurement()
                    for _ in benchmark.scaledIterations {
                        blackHole(try compressor.withCompressed(data) { $0.count })
                    }
                }
                Benchmark("compress-reused/\(label)/L\(level)/raw", configuration: config) { benchmark in
                    let context = ZSTD_createCCtx()
                    ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, Int32(level))
                    let bound = ZSTD_compressBound(data.count)
                    let output = malloc(bound)
                    defer { ZSTD_freeCCtx(context); free(output) }
                    benchmark.startMeasurement()
                    for _ in benchmark.scaledIterations {
                        data.withUnsafeBytes { source in
                            blackHole(ZSTD_compress2(context, output, bound, source.baseAddress, source.count))
                        }
                    }
                }
            }
            guard level == 3 else { continue }
            let frame = try! Zstd.compress(data, level: level)
            Benchmark("decompress/\(label)/wrapper", configuration: config) { benchmark in
                let decompressor = try ZstdDecompressor()
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    blackHole(try decompressor.decompress(frame))
                }
            }
            Benchmark("decompress/\(label)/raw", configuration: config) { benchmark in
                let context = ZSTD_createDCtx()
                defer { ZSTD_freeDCtx(context) }
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    frame.withUnsafeBytes { source in
                        let declared = Int(ZSTD_findDecompressedSize(source.baseAddress, source.count))
                        let output = malloc(declared)
                        blackHole(ZSTD_decompressDCtx(context, output, declared, source.baseAddress, source.count))
                        free(output)
                    }
                }
            }
            // Hot loops that reuse their output buffer: the wrapper's withDecompressed (a
            // Span over a buffer it keeps, up to 1 MiB) against raw C into one malloc'd buffer.
            guard data.count <= 1 << 20 else { continue }
            Benchmark("decompress-reused/\(label)/wrapper", configuration: config) { benchmark in
                let decompressor = try ZstdDecompressor()
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    blackHole(try decompressor.withDecompressed(frame) { $0.count })
                }
            }
            Benchmark("decompress-reused/\(label)/raw", configuration: config) { benchmark in
                let context = ZSTD_createDCtx()
                let output = malloc(data.count)
                defer { ZSTD_freeDCtx(context); free(output) }
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    frame.withUnsafeBytes { source in
                        let declared = Int(ZSTD_findDecompressedSize(source.baseAddress, source.count))
                        blackHole(ZSTD_decompressDCtx(context, output, declared, source.baseAddress, source.count))
                    }
                }
            }
        }
    }
}
