import XMLFuzzTargets
import SeamFuzz

fuzzMain(XMLSchemaInclude.self)
