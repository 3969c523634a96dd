import PlantedTargets
import SeamFuzz

fuzzMain(PlantedThreeBugs.self)
