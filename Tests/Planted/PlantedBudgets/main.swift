import PlantedTargets
import SeamFuzz

fuzzMain(PlantedBudgets.self)
