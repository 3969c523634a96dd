import XMLFuzzTargets
import SeamFuzz

fuzzMain(XPathEval.self)
