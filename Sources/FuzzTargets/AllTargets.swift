// The targets live in one module per library, so each fuzz binary links (and libFuzzer scans
// the coverage counters of) only the library it fuzzes. This module holds the targets that
// cross both libraries, and re-exports the others so one import reaches every target body
// (the tests find them through FuzzTargetFolders, from Fuzz/'s folders).
@_exported import XMLFuzzTargets
@_exported import ZstdFuzzTargets
