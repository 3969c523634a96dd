import ZstdFuzzTargets
import SeamFuzz

fuzzMain(ZstdRoundTrip.self)
