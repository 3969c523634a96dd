import FuzzTargets
import SeamFuzz

fuzzMain(XMLInZstd.self)
