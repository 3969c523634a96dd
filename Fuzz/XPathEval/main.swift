import FuzzTargets
import SeamFuzz

fuzzMain(XPathEval.self)
