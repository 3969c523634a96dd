import Foundation

/// A usage or environment error: printed as one clear line, exit status 1.
package struct SeamError: Error, CustomStringConvertible, Equatable, Sendable {
    package let description: String
    package init(_ description: String) { self.description = description }
}
