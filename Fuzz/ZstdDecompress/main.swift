import ZstdFuzzTargets
import SeamFuzz

fuzzMain(ZstdDecompress.self)
