import FuzzTargets
import SeamFuzz

fuzzMain(ZstdRoundTrip.self)
