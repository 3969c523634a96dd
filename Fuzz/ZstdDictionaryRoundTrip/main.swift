import FuzzTargets
import SeamFuzz

fuzzMain(ZstdDictionaryRoundTrip.self)
