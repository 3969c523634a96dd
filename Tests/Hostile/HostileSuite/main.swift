import Foundation
import SeamFuzz

// The hostile-input suite: for each class of hostile input and each public API it can reach,
// inputs at growing sizes, each call run in a child process under a 2 GiB address space on a
// 256 KiB stack. A call passes when it returns (a value or a typed error) within its budget;
// a crash, a hang or a call over budget fails the suite. Prints one table row per API and
// class. `HostileSuite --case <name>` runs one case in this process (the child's side).

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--case", arguments.count >= 2 {
    guard let hostile = HostileCase.all.first(where: { $0.name == arguments[1] }) else {
        FileHandle.standardError.write(Data("no case \(arguments[1])\n".utf8))
        exit(2)
    }
    exit(CaseRunner.runInProcess(hostile))
}
if arguments.first == "--list" {
    for hostile in HostileCase.all { print(hostile.name) }
    exit(0)
}
let filter = arguments.first
exit(SuiteRunner.run(HostileCase.all.filter { filter == nil || $0.name.contains(filter!) || $0.hostileClass.rawValue == filter }))
