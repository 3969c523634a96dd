import ZstdFuzzTargets
import SeamFuzz

fuzzMain(ZstdStreamRoundTrip.self)
