import FuzzTargets
import SeamFuzz

fuzzMain(ZstdFrameInfo.self)
