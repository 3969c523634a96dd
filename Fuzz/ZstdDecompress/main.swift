import FuzzTargets
import SeamFuzz

fuzzMain(ZstdDecompress.self)
