import Foundation

/// Which copies of the declared C libraries a build links.
package enum Libraries: String, CaseIterable, Sendable {
    /// The system's shared libraries: libFuzzer sees no edges inside them, ASan no bug.
    case system
    /// Static libraries built from their sources (`seam-libraries.json`) with the variant's instrumentation
    /// (`seam deps`): coverage and sanitizer checks reach into the C code.
    case instrumented
}
