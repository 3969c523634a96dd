import FuzzTargets
import SeamFuzz

fuzzMain(XMLSchemaValidate.self)
