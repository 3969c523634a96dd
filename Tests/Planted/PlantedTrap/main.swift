import PlantedTargets
import SeamFuzz

fuzzMain(PlantedTrap.self)
