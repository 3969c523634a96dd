import ZstdFuzzTargets
import SeamFuzz

fuzzMain(ZstdDictionaryRoundTrip.self)
