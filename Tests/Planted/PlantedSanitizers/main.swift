import CPlanted
import CSeamDriver
import Foundation

// Runs one planted bug, named on the command line, so the sanitizer matrix can show each
// variant reports its kind: heap-overflow (ASan), signed-overflow (UBSan), leak (LSan),
// data-race (TSan).
let bug = CommandLine.arguments.dropFirst().first ?? ""
let argument = Int32(CommandLine.arguments.count + 7)   // 8 at run time, unknown to the optimizer
switch bug {
case "heap-overflow": print(planted_heap_overflow(argument))
case "signed-overflow": print(planted_signed_overflow(argument))
case "leak": print(planted_leak(argument) == nil)
case "data-race": print(planted_data_race())
default:
    print("usage: PlantedSanitizers heap-overflow|signed-overflow|leak|data-race")
    exit(2)
}
