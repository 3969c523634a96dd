import YAMLFuzzTargets
import SeamFuzz

fuzzMain(YAMLRoundTrip.self)
