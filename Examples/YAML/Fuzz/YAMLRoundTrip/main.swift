import SeamFuzz
import YAMLFuzzTargets

fuzzMain(YAMLRoundTrip.self)
