import FuzzTargets
import SeamFuzz

fuzzMain(XMLParse.self)
