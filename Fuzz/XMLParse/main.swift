import XMLFuzzTargets
import SeamFuzz

fuzzMain(XMLParse.self)
