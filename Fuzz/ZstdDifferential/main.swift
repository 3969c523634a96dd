import FuzzTargets
import SeamFuzz

fuzzMain(ZstdDifferential.self)
