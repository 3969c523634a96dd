import XMLFuzzTargets
import SeamFuzz

fuzzMain(XMLSizes.self)
