import XMLFuzzTargets
import SeamFuzz

fuzzMain(XMLDTDValidate.self)
