import FuzzTargets
import SeamFuzz

fuzzMain(HTMLParse.self)
