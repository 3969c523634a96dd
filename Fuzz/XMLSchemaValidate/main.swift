import XMLFuzzTargets
import SeamFuzz

fuzzMain(XMLSchemaValidate.self)
