import YAMLFuzzTargets
import SeamFuzz

fuzzMain(YAMLParse.self)
