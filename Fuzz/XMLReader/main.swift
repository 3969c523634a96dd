import FuzzTargets
import SeamFuzz

fuzzMain(XMLReaderTarget.self)
