import FuzzTargets
import SeamFuzz

fuzzMain(XMLRoundTrip.self)
