import Testing
import Zstd

let records: [[UInt8]] = (0..<200).map { index in
    Array("{\"id\": \(index), \"name\": \"user\(index % 17)\", \"tags\": [\"swift\", \"c\", \"fuzz\"], \"active\": \(index % 2 == 0)}".utf8)
}

@Suite struct Dictionaries {
    @Test func trainedDictionaryRoundTripsAndShrinksSmallRecords() throws {
        let dictionary = try ZstdDictionary.train(samples: records, capacity: 4_096)
        #expect(dictionary.id != 0)
        let compressor = try ZstdCompressor(ZstdParameters(level: 3), dictionary: dictionary)
        let decompressor = try ZstdDecompressor(dictionary: dictionary)
        let record = records[42]
        let frame = try compressor.compress(record)
        #expect(try Zstd.frameHeader(of: frame).dictionaryID == dictionary.id)
        #expect(frame.count < (try Zstd.compress(record)).count)
        #expect(try decompressor.decompress(frame) == record)
    }

    @Test func framesNeedingADictionaryFailWithoutIt() throws {
        let dictionary = try ZstdDictionary.train(samples: records, capacity: 4_096)
        let frame = try ZstdCompressor(ZstdParameters(), dictionary: dictionary).compress(records[7])
        let error = #expect(throws: ZstdError.self) { try Zstd.decompress(frame) }
        #expect(error?.code == ZstdError.dictionaryWrongCode)
        let other = try ZstdDictionary.train(samples: records.reversed().map { $0 + [1] }, capacity: 2_048)
        #expect((#expect(throws: ZstdError.self) { try ZstdDecompressor(dictionary: other).decompress(frame) })?.code == ZstdError.dictionaryWrongCode)
    }

    @Test func rawContentDictionaryHasNoID() throws {
        let dictionary = try ZstdDictionary(bytes: records[0] + records[1])
        #expect(dictionary.id == 0)
        let frame = try ZstdCompressor(ZstdParameters(), dictionary: dictionary).compress(records[2])
        #expect(try ZstdDecompressor(dictionary: dictionary).decompress(frame) == records[2])
    }

    @Test func rejectsBadDictionariesAndTrainingInput() {
        #expect(throws: ZstdError.invalidArgument("a dictionary needs at least one byte")) { try ZstdDictionary(bytes: []) }
        // The zstd dictionary magic number followed by garbage is a corrupted dictionary.
        let corrupt: [UInt8] = [0x37, 0xA4, 0x30, 0xEC] + Array(repeating: 0xFF, count: 64)
        #expect((#expect(throws: ZstdError.self) { try ZstdDictionary(bytes: corrupt) })?.code == ZstdError.dictionaryCorruptedCode)
        #expect((#expect(throws: ZstdError.self) { try ZstdDictionary(bytes: corrupt, dedicatedSearch: true) })?.code == ZstdError.dictionaryCorruptedCode)
        #expect((#expect(throws: ZstdError.self) { try ZstdDictionary.train(samples: [[1, 2, 3]], capacity: 4_096) })?.code == ZstdError.sourceSizeWrongCode)
        #expect(throws: ZstdError.invalidArgument("dictionary capacity 10 is under 256 bytes")) { try ZstdDictionary.train(samples: records, capacity: 10) }
    }

    @Test func fastCoverTrainsADeterministicDictionaryThatRoundTrips() throws {
        let method = ZstdTrainingMethod.fastCover(segmentSize: 40, dmerSize: 8, frequencyLog: 14, acceleration: 5)
        let dictionary = try ZstdDictionary.train(samples: records, capacity: 2_048, level: 1, method: method)
        #expect(dictionary.id != 0)
        #expect(dictionary.bytes.count <= 2_048)
        #expect(dictionary.level == 1)
        // One pass with fixed parameters: the same samples give the same dictionary.
        #expect(try ZstdDictionary.train(samples: records, capacity: 2_048, level: 1, method: method).bytes == dictionary.bytes)
        let frame = try ZstdCompressor(ZstdParameters(level: 1), dictionary: dictionary).compress(records[9])
        #expect(try Zstd.frameHeader(of: frame).dictionaryID == dictionary.id)
        #expect(try ZstdDecompressor(dictionary: dictionary).decompress(frame) == records[9])
    }

    @Test func tablesBuiltForTheParametersFollowTheCompressorNotTheDictionarysLevel() throws {
        let fast = try ZstdDictionary.train(samples: records, capacity: 4_096, level: 1)
        let strong = try ZstdDictionary(bytes: fast.bytes, level: 19)
        let record = records[77]
        func frame(_ dictionary: ZstdDictionary, _ tables: ZstdDictionaryTables) throws -> [UInt8] {
            try ZstdCompressor(ZstdParameters(level: 19, dictionaryTables: tables), dictionary: dictionary).compress(record)
        }
        let built = try frame(fast, .builtForParameters)
        // Built for level 19, the level-1 dictionary compresses as one digested for level 19;
        // shared, its level-1 tables are searched with level 1's strategy.
        #expect(built == (try frame(strong, .shared)))
        #expect(built != (try frame(fast, .shared)))
        #expect(try Zstd.frameHeader(of: built).dictionaryID == fast.id)
        #expect(try ZstdDecompressor(dictionary: fast).decompress(built) == record)
    }

    @Test func tablesBuiltForTheParametersSurviveAResetAndNewParameters() throws {
        let dictionary = try ZstdDictionary.train(samples: records, capacity: 4_096)
        var parameters = ZstdParameters(level: 5, dictionaryTables: .builtForParameters)
        parameters.matchFinder.strategy = .lazy2
        parameters.experimental.rowMatchFinder = .enabled
        let compressor = try ZstdCompressor(parameters, dictionary: dictionary)
        let decompressor = try ZstdDecompressor(dictionary: dictionary)
        for record in records.prefix(3) { #expect(try decompressor.decompress(compressor.compress(record)) == record) }
        parameters.level = 1
        parameters.matchFinder.strategy = .fast
        try compressor.reset(to: parameters, dictionary: dictionary)
        for record in records.suffix(3) { #expect(try decompressor.decompress(compressor.compress(record)) == record) }
    }

    @Test(arguments: [
        (ZstdTrainingMethod.fastCover(segmentSize: 40, dmerSize: 7), ZstdError.parameterOutOfBoundCode),  // d is 6 or 8
        (.fastCover(segmentSize: 4, dmerSize: 8), ZstdError.parameterOutOfBoundCode),  // d over k
        (.fastCover(segmentSize: 4_097, dmerSize: 8), ZstdError.parameterOutOfBoundCode),  // k over the capacity
        (.fastCover(segmentSize: 0, dmerSize: 6), ZstdError.parameterOutOfBoundCode),
    ])
    func fastCoverRefusesParametersOutOfLibzstdsRange(method: ZstdTrainingMethod, code: Int) {
        #expect((#expect(throws: ZstdError.self) { try ZstdDictionary.train(samples: records, capacity: 4_096, method: method) })?.code == code)
    }

    @Test func fastCoverRefusesWhatWouldBeTruncatedOrTakeGigabytes() {
        #expect(throws: ZstdError.invalidArgument("fastCover frequency log 31 outside 1...20")) {
            try ZstdDictionary.train(samples: records, method: .fastCover(segmentSize: 40, dmerSize: 8, frequencyLog: 31))
        }
        #expect(throws: ZstdError.invalidArgument("fastCover acceleration 0 outside 1...10")) {
            try ZstdDictionary.train(samples: records, method: .fastCover(segmentSize: 40, dmerSize: 8, acceleration: 0))
        }
        #expect(throws: ZstdError.invalidArgument("fastCover segment size 4294967336 or d-mer size 8 outside 0...4294967295")) {
            try ZstdDictionary.train(samples: records, method: .fastCover(segmentSize: (1 << 32) + 40, dmerSize: 8))
        }
        #expect(throws: ZstdError.invalidArgument("compression level 99 outside -131072...22")) {
            try ZstdDictionary.train(samples: records, level: 99)
        }
    }
}

@Suite struct Parameters {
    @Test func checksumIsWrittenAndVerified() throws {
        let data = Array(String(repeating: "checksummed ", count: 100).utf8)
        var frame = try ZstdCompressor(ZstdParameters(checksum: true)).compress(data)
        #expect(try Zstd.frameHeader(of: frame).hasChecksum)
        frame[frame.count - 1] ^= 0xFF
        let error = #expect(throws: ZstdError.self) { try Zstd.decompress(frame) }
        #expect(error?.code == ZstdError.checksumWrongCode)
    }

    @Test func windowLogBoundsAreEnforcedOnBothSides() throws {
        #expect((#expect(throws: ZstdError.self) { try ZstdCompressor(ZstdParameters(windowLog: 99)) })?.code == ZstdError.parameterOutOfBoundCode)
        let big = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        let compressor = try ZstdCompressor(ZstdParameters(level: 1, windowLog: 22, longDistanceMatching: true))
        let frame = try compressor.compress(chunk: big, mode: .continue) + compressor.compress(chunk: [UInt8](), mode: .end)
        #expect(try Zstd.frameHeader(of: frame).windowSize == 1 << 22)
        let strict = try ZstdDecompressor(maxWindowLog: 20)
        let error = #expect(throws: ZstdError.self) { try strict.decompress(chunk: frame) }
        #expect(error?.code == ZstdError.windowTooLargeCode)
        #expect(try ZstdDecompressor(maxWindowLog: 22).decompress(chunk: frame) == big)
    }

    @Test(arguments: ZstdStrategy.allCases)
    func everyStrategyRoundTripsWithSmallTables(strategy: ZstdStrategy) throws {
        let data = Array(String(repeating: "match finders find matches; ", count: 300).utf8)
        let parameters = ZstdParameters(level: 3, windowLog: 12, matchFinder: ZstdMatchFinder(
            strategy: strategy, hashLog: 8, chainLog: 9, searchLog: 3, minMatch: 4, targetLength: 16))
        let compressor = try ZstdCompressor(parameters)
        let frame = try compressor.compress(data)
        #expect(try Zstd.decompress(frame) == data)
        #expect(try Zstd.frameHeader(of: frame).windowSize <= 1 << 12)
        let streamed = try compressor.compress(chunk: data, mode: .end)
        #expect(try Zstd.decompress(streamed) == data)
    }

    @Test func strategiesAreThoseOfTheLoadedLibrary() throws {
        // The raw values are libzstd's ZSTD_strategy; a strategy it does not know is refused.
        #expect(ZstdStrategy.allCases.map(\.rawValue) == Array(1...9))
        let data = Array(records.joined())
        let fast = try ZstdCompressor(ZstdParameters(level: 19, matchFinder: ZstdMatchFinder(strategy: .fast))).compress(data)
        let strong = try ZstdCompressor(ZstdParameters(level: 1, matchFinder: ZstdMatchFinder(strategy: .btultra2))).compress(data)
        #expect(strong.count < fast.count)
    }

    @Test func matchFinderValuesOutOfBoundsGetLibzstdsError() {
        for finder in [ZstdMatchFinder(hashLog: 99), ZstdMatchFinder(chainLog: 1), ZstdMatchFinder(searchLog: 40),
                       ZstdMatchFinder(minMatch: 2), ZstdMatchFinder(targetLength: -1), ZstdMatchFinder(hashLog: 0)] {
            let error = #expect(throws: ZstdError.self) { try ZstdCompressor(ZstdParameters(matchFinder: finder)) }
            #expect(error?.code == ZstdError.parameterOutOfBoundCode, "\(finder)")
        }
    }

    @Test func frameHeaderFieldsCanBeLeftOut() throws {
        let data = Array(records.joined())
        let dictionary = try ZstdDictionary.train(samples: records, capacity: 4_096)
        let lean = ZstdParameters(level: 3, writesContentSize: false, writesDictionaryID: false)
        let frame = try ZstdCompressor(lean, dictionary: dictionary).compress(data)
        let header = try Zstd.frameHeader(of: frame)
        #expect(header.contentSize == nil)
        #expect(header.dictionaryID == 0)
        // Without the size in the header the one-shot decoder streams, under the same bound.
        #expect(try ZstdDecompressor(dictionary: dictionary).decompress(frame, maxOutputSize: data.count) == data)
        #expect(throws: ZstdError.outputLimitExceeded(limit: data.count - 1)) {
            try ZstdDecompressor(dictionary: dictionary).decompress(frame, maxOutputSize: data.count - 1)
        }
        let full = try ZstdCompressor(ZstdParameters(level: 3), dictionary: dictionary).compress(data)
        #expect(try Zstd.frameHeader(of: full).dictionaryID == dictionary.id)
    }

    @Test(arguments: ZstdSwitch.allCases)
    func experimentalParametersRoundTrip(setting: ZstdSwitch) throws {
        let data = Array(records.joined()) + sample
        var experimental = ZstdExperimentalParameters()
        experimental.targetCompressedBlockSize = 1_024
        experimental.blockSplitter = setting
        experimental.rowMatchFinder = setting
        experimental.literalCompression = setting
        experimental.sourceSizeHint = data.count
        for level in [1, 5, 12, 19] {
            let compressor = try ZstdCompressor(ZstdParameters(level: level, experimental: experimental))
            #expect(try Zstd.decompress(compressor.compress(data)) == data)
            #expect(try Zstd.decompress(compressor.compress(chunk: data, mode: .end)) == data)
        }
    }

    @Test(arguments: ZstdDictionaryAttachment.allCases)
    func everyDictionaryAttachmentRoundTrips(attachment: ZstdDictionaryAttachment) throws {
        let dictionary = try ZstdDictionary(bytes: Array(records.joined().prefix(2_000)), level: 3)
        var experimental = ZstdExperimentalParameters()
        experimental.dictionaryAttachment = attachment
        for data in [Array(records.joined()), sample] {
            for level in [1, 3, 6, 19] {
                let frame = try ZstdCompressor(ZstdParameters(level: level, experimental: experimental), dictionary: dictionary).compress(data)
                #expect(try ZstdDecompressor(dictionary: dictionary).decompress(frame) == data)
            }
        }
    }

    @Test(arguments: [1, 5, 7, 12, 19])
    func dedicatedSearchDictionariesRoundTrip(level: Int) throws {
        let content = Array(records.joined().prefix(2_000))
        let dedicated = try ZstdDictionary(bytes: content, level: level, dedicatedSearch: true)
        let plain = try ZstdDictionary(bytes: content, level: level)
        for data in [Array(records.joined()), sample, records[3]] {
            let frame = try ZstdCompressor(ZstdParameters(level: level), dictionary: dedicated).compress(data)
            // The search differs; the dictionary's content, and so the decoding, does not.
            #expect(try ZstdDecompressor(dictionary: plain).decompress(frame) == data)
        }
    }

    @Test func literalsStoredRawMakeLargerFrames() throws {
        let data = Array(records.joined())
        var raw = ZstdExperimentalParameters()
        raw.literalCompression = .disabled
        var huffman = ZstdExperimentalParameters()
        huffman.literalCompression = .enabled
        let rawFrame = try ZstdCompressor(ZstdParameters(level: 3, experimental: raw)).compress(data)
        let huffmanFrame = try ZstdCompressor(ZstdParameters(level: 3, experimental: huffman)).compress(data)
        #expect(rawFrame.count > huffmanFrame.count)
    }

    @Test func longDistanceTablesRoundTripAndAreChecked() throws {
        // Repeats 1 MiB apart, past the level's window, are long-distance matching's case.
        let block = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        let data = block + block
        let tables = ZstdLongDistanceTables(hashLog: 16, minMatch: 64, bucketSizeLog: 4, hashRateLog: 5)
        let compressor = try ZstdCompressor(ZstdParameters(level: 1, windowLog: 22, longDistanceMatching: true, longDistanceTables: tables))
        let frame = try compressor.compress(data)
        #expect(frame.count < block.count + block.count / 8)
        #expect(try ZstdDecompressor(maxWindowLog: 22).decompress(frame) == data)
        for bad in [ZstdLongDistanceTables(hashLog: 5), ZstdLongDistanceTables(minMatch: 3), ZstdLongDistanceTables(bucketSizeLog: 9),
                    ZstdLongDistanceTables(hashRateLog: 26), ZstdLongDistanceTables(minMatch: 0), ZstdLongDistanceTables(hashRateLog: 0)] {
            let error = #expect(throws: ZstdError.self) { try ZstdCompressor(ZstdParameters(longDistanceMatching: true, longDistanceTables: bad)) }
            #expect(error?.code == ZstdError.parameterOutOfBoundCode, "\(bad)")
        }
    }

    @Test func smallerBlocksCostHeadersAndStillRoundTrip() throws {
        // Bytes that do not compress are stored in raw blocks, each with a 3-byte header.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let data = (0..<(16 << 10)).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        var small = ZstdExperimentalParameters()
        small.maxBlockSize = 1_024
        let frame = try ZstdCompressor(ZstdParameters(level: 3, experimental: small)).compress(data)
        let whole = try ZstdCompressor(ZstdParameters(level: 3)).compress(data)
        #expect(frame.count == whole.count + 15 * 3)
        #expect(try Zstd.decompress(frame) == data)
        small.forcesMaxWindow = true
        small.prefetchDictionaryTables = .enabled
        let dictionary = try ZstdDictionary(bytes: Array(records.joined().prefix(2_000)), level: 3)
        for input in [data, Array(records.joined())] {
            let framed = try ZstdCompressor(ZstdParameters(level: 3, windowLog: 10, experimental: small), dictionary: dictionary).compress(input)
            #expect(try ZstdDecompressor(dictionary: dictionary).decompress(framed) == input)
        }
    }

    @Test func experimentalValuesOutOfBoundsGetLibzstdsError() {
        var small = ZstdExperimentalParameters()
        small.targetCompressedBlockSize = 10
        var negative = ZstdExperimentalParameters()
        negative.sourceSizeHint = -1
        var tinyBlocks = ZstdExperimentalParameters()
        tinyBlocks.maxBlockSize = 1_023
        for experimental in [small, negative, tinyBlocks] {
            let error = #expect(throws: ZstdError.self) { try ZstdCompressor(ZstdParameters(experimental: experimental)) }
            #expect(error?.code == ZstdError.parameterOutOfBoundCode, "\(experimental)")
        }
    }

    @Test func pledgedSizeIsRecordedAndChecked() throws {
        let data = Array("pledged".utf8)
        let compressor = try ZstdCompressor()
        try compressor.setPledgedSourceSize(UInt64(data.count))
        let frame = try compressor.compress(chunk: data, mode: .continue) + compressor.compress(chunk: [UInt8](), mode: .end)
        #expect(try Zstd.frameHeader(of: frame).contentSize == UInt64(data.count))
        try compressor.setPledgedSourceSize(100)
        let unmet = #expect(throws: ZstdError.self) {
            _ = try compressor.compress(chunk: data, mode: .continue)
            _ = try compressor.compress(chunk: [UInt8](), mode: .end)
        }
        #expect(unmet?.code == ZstdError.sourceSizeWrongCode)
    }

    @Test func workersAreAcceptedOrRefusedWithATypedError() throws {
        // Debian's libzstd is built with threads; a build without them refuses, typed.
        do {
            let compressor = try ZstdCompressor(ZstdParameters(level: 3, workers: 2))
            let data = Array(String(repeating: "parallel ", count: 100_000).utf8)
            let frame = try compressor.compress(chunk: data, mode: .end)
            #expect(try Zstd.decompress(frame) == data)
        } catch {
            #expect(error.code == ZstdError.unsupportedParameterCode)
        }
    }
}

@Suite struct FrameSizing {
    @Test func findsFramesAndBoundsInMultiFrameInput() throws {
        let a = try Zstd.compress(records[0]), b = try Zstd.compress(records[1])
        let skippable: [UInt8] = [0x50, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 9, 9, 9]
        let input = a + skippable + b
        #expect(try Zstd.compressedSizeOfFirstFrame(in: input) == a.count)
        #expect(try Zstd.frames(in: input) == [0..<a.count, a.count..<(a.count + skippable.count), (a.count + skippable.count)..<input.count])
        #expect(try Zstd.decompressedBound(of: input) >= UInt64(records[0].count + records[1].count))
    }

    @Test func sizingRejectsTruncatedAndForeignInput() throws {
        let frame = try Zstd.compress(records[3])
        #expect((#expect(throws: ZstdError.self) { try Zstd.compressedSizeOfFirstFrame(in: frame.dropLast()) })?.code == ZstdError.sourceSizeWrongCode)
        #expect((#expect(throws: ZstdError.self) { try Zstd.decompressedBound(of: frame.dropLast()) })?.code == ZstdError.corruptionCode)
        #expect((#expect(throws: ZstdError.self) { try Zstd.frames(in: frame + [1, 2, 3]) })?.code == ZstdError.unknownFrameCode)
        #expect((#expect(throws: ZstdError.self) { try Zstd.compressedSizeOfFirstFrame(in: Array("nope".utf8)) })?.code == ZstdError.unknownFrameCode)
    }
}

@Suite struct ParameterErrors {
    /// Every integer handed to libzstd as an `int` is checked at the edge: Int32.max passes the
    /// narrowing (libzstd then judges it), one more is refused by the wrapper, never clamped.
    @Test func valuesPastACIntAreRefusedNotClamped() throws {
        let over = Int(Int32.max) + 1
        func hint(_ value: Int) -> ZstdParameters {
            var parameters = ZstdParameters()
            parameters.experimental.sourceSizeHint = value
            return parameters
        }
        // libzstd takes any non-negative hint up to INT_MAX: clamping would have passed.
        #expect(throws: Never.self) { try ZstdCompressor(hint(Int(Int32.max))) }
        #expect(throws: ZstdError.invalidArgument("sourceSizeHint \(over) does not fit a C int")) { try ZstdCompressor(hint(over)) }
        #expect(throws: ZstdError.invalidArgument("windowLog \(over) does not fit a C int")) { try ZstdCompressor(ZstdParameters(windowLog: over)) }
        #expect(throws: ZstdError.invalidArgument("hashLog \(Int(Int32.min) - 1) does not fit a C int")) {
            try ZstdCompressor(ZstdParameters(matchFinder: ZstdMatchFinder(hashLog: Int(Int32.min) - 1)))
        }
        #expect(throws: ZstdError.invalidArgument("workers \(over) does not fit a C int")) { try ZstdCompressor(ZstdParameters(workers: over)) }
        #expect(throws: ZstdError.invalidArgument("maxWindowLog \(over) does not fit a C int")) { try ZstdDecompressor(maxWindowLog: over) }
        // A refused value leaves a reconfigured compressor as it was.
        let compressor = try ZstdCompressor(ZstdParameters(level: 4))
        #expect(throws: ZstdError.invalidArgument("sourceSizeHint \(over) does not fit a C int")) { try compressor.reset(to: hint(over)) }
        #expect(compressor.parameters == ZstdParameters(level: 4))
        let text = Array(String(repeating: "narrow ", count: 50).utf8)
        #expect(try compressor.compress(text) == ZstdCompressor(ZstdParameters(level: 4)).compress(text))
    }

    @Test func pledgedSizeMidFrameIsRefused() throws {
        let compressor = try ZstdCompressor()
        _ = try compressor.compress(chunk: Array("started".utf8), mode: .continue)
        #expect((#expect(throws: ZstdError.self) { try compressor.setPledgedSourceSize(10) })?.code == ZstdError.stageWrongCode)
    }

    @Test func decoderWindowLimitOutOfRangeIsRefused() {
        #expect((#expect(throws: ZstdError.self) { try ZstdDecompressor(maxWindowLog: 99) })?.code == ZstdError.parameterOutOfBoundCode)
        #expect((#expect(throws: ZstdError.self) { try ZstdDecompressor(maxWindowLog: 1) })?.code == ZstdError.parameterOutOfBoundCode)
    }
}

@Suite struct Reconfiguring {
    let text = Array(String(repeating: "reconfigured compressors must forget what they were; ", count: 40).utf8)

    @Test func resetToNewParametersCompressesAsAFreshCompressor() throws {
        let dictionary = try ZstdDictionary.train(samples: records, capacity: 4_096)
        let reused = try ZstdCompressor(ZstdParameters(level: 19, checksum: true), dictionary: dictionary)
        _ = try reused.compress(chunk: text, mode: .continue)  // a stream in progress is dropped
        for (parameters, dictionary) in [(ZstdParameters(level: 1), nil), (ZstdParameters(level: 5, windowLog: 12), dictionary),
                                         (ZstdParameters(level: -3, writesContentSize: false), nil)] as [(ZstdParameters, ZstdDictionary?)] {
            try reused.reset(to: parameters, dictionary: dictionary)
            #expect(reused.parameters == parameters)
            #expect(reused.dictionary === dictionary)
            let fresh = try ZstdCompressor(parameters, dictionary: dictionary)
            #expect(try reused.compress(text) == fresh.compress(text))
            #expect(try reused.compress(chunk: text, mode: .end) == fresh.compress(chunk: text, mode: .end))
        }
    }

    @Test func refusedParametersLeaveThePreviousOnesInPlace() throws {
        let compressor = try ZstdCompressor(ZstdParameters(level: 7, checksum: true))
        let before = try compressor.compress(text)
        #expect(throws: ZstdError.invalidArgument("compression level 99 outside \(Zstd.levels)")) { try compressor.reset(to: ZstdParameters(level: 99)) }
        #expect((#expect(throws: ZstdError.self) { try compressor.reset(to: ZstdParameters(level: 1, windowLog: 99)) })?.code == ZstdError.parameterOutOfBoundCode)
        #expect(compressor.parameters == ZstdParameters(level: 7, checksum: true))
        #expect(try compressor.compress(text) == before)
    }
}

/// A frame declaring a 2^`windowLog` window and no content size, holding one raw block of
/// four bytes: small, and valid whatever the window.
private func frameDeclaringWindow(log windowLog: Int) -> [UInt8] {
    [0x28, 0xB5, 0x2F, 0xFD, 0x00, UInt8((windowLog - 10) << 3), 0x21, 0x00, 0x00, 1, 2, 3, 4]
}

@Suite struct WindowBound {
    @Test func oneShotAndStreamingRefuseTheSameWindows() throws {
        for log in 20...31 {
            let frame = frameDeclaringWindow(log: log)
            let oneShot = Result { try Zstd.decompress(frame) }
            let streamed = Result { () throws -> [UInt8] in
                let decompressor = try ZstdDecompressor()
                let output = try decompressor.decompress(chunk: frame)
                try decompressor.finish()
                return output
            }
            if log <= 27 {
                #expect(try oneShot.get() == [1, 2, 3, 4])
                #expect(try streamed.get() == [1, 2, 3, 4])
            } else {
                for result in [oneShot, streamed] {
                    #expect(throws: ZstdError.library(code: ZstdError.windowTooLargeCode, name: "Frame requires too much memory for decoding")) { try result.get() }
                }
            }
        }
    }

    @Test func theBoundFollowsMaxWindowLog() throws {
        let frame = frameDeclaringWindow(log: 29)
        #expect(try ZstdDecompressor(maxWindowLog: 29).decompress(frame) == [1, 2, 3, 4])
        #expect(throws: ZstdError.library(code: ZstdError.windowTooLargeCode, name: "Frame requires too much memory for decoding")) {
            try ZstdDecompressor(maxWindowLog: 28).decompress(frame)
        }
    }
}
