import PlantedTargets
import SeamFuzz

fuzzMain(PlantedInvariant.self)
