import XMLFuzzTargets
import SeamFuzz

fuzzMain(HTMLParse.self)
