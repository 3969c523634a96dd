import FuzzTargets
import SeamFuzz

fuzzMain(ZstdStreamRoundTrip.self)
