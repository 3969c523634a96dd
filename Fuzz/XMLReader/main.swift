import XMLFuzzTargets
import SeamFuzz

fuzzMain(XMLReaderTarget.self)
