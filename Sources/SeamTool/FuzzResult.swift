import Foundation

/// One target's run: how long, how it exited, and what libFuzzer reported.
package struct FuzzResult {
    package let target: String
    package let seconds: Double
    package let status: Int32
    package let stats: FuzzerStats
    package let log: URL
}
