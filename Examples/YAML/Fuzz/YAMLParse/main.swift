import SeamFuzz
import YAMLFuzzTargets

fuzzMain(YAMLParse.self)
