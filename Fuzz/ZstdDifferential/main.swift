import ZstdFuzzTargets
import SeamFuzz

fuzzMain(ZstdDifferential.self)
