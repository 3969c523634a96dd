import XMLFuzzTargets
import SeamFuzz

fuzzMain(XMLRoundTrip.self)
