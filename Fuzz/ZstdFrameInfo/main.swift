import ZstdFuzzTargets
import SeamFuzz

fuzzMain(ZstdFrameInfo.self)
