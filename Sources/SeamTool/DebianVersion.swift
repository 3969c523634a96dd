/// A Debian package version, `[epoch:]upstream[-revision]`, ordered as dpkg orders them
/// (`~` before anything, even the end: `1.3~deb12u6` < `1.3`).
package struct DebianVersion: Comparable, CustomStringConvertible, Sendable {
    package let description: String
    package let epoch: Int
    package let upstream: String
    package let revision: String

    package init(_ text: String) {
        description = text
        var rest = Substring(text)
        if let colon = rest.firstIndex(of: ":"), let epoch = Int(rest[..<colon]) {
            self.epoch = epoch
            rest = rest[rest.index(after: colon)...]
        } else {
            epoch = 0
        }
        if let dash = rest.lastIndex(of: "-") {
            upstream = String(rest[..<dash])
            revision = String(rest[rest.index(after: dash)...])
        } else {
            upstream = String(rest)
            revision = ""
        }
    }

    package static func < (a: DebianVersion, b: DebianVersion) -> Bool {
        if a.epoch != b.epoch { return a.epoch < b.epoch }
        let upstream = compare(a.upstream, b.upstream)
        return upstream != 0 ? upstream < 0 : compare(a.revision, b.revision) < 0
    }

    package static func == (a: DebianVersion, b: DebianVersion) -> Bool {
        a.epoch == b.epoch && compare(a.upstream, b.upstream) == 0 && compare(a.revision, b.revision) == 0
    }

    /// dpkg's verrevcmp: alternating non-digit parts (compared by `order`) and numbers.
    private static func compare(_ a: String, _ b: String) -> Int {
        var a = Array(a.utf8)[...], b = Array(b.utf8)[...]
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func order(_ c: UInt8?) -> Int {
            guard let c else { return 0 }
            if isDigit(c) { return 0 }
            if (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) { return Int(c) }
            if c == UInt8(ascii: "~") { return -1 }
            return Int(c) + 256
        }
        while !a.isEmpty || !b.isEmpty {
            // The non-digit prefixes, character by character.
            while (a.first.map { !isDigit($0) } ?? false) || (b.first.map { !isDigit($0) } ?? false) {
                let x = a.first.flatMap { isDigit($0) ? nil : $0 }, y = b.first.flatMap { isDigit($0) ? nil : $0 }
                let difference = order(x) - order(y)
                if difference != 0 { return difference }
                if x != nil { a = a.dropFirst() }
                if y != nil { b = b.dropFirst() }
            }
            // The numbers, leading zeros ignored.
            while a.first == UInt8(ascii: "0") { a = a.dropFirst() }
            while b.first == UInt8(ascii: "0") { b = b.dropFirst() }
            var firstDifference = 0
            while let x = a.first, isDigit(x), let y = b.first, isDigit(y) {
                if firstDifference == 0 { firstDifference = Int(x) - Int(y) }
                a = a.dropFirst()
                b = b.dropFirst()
            }
            if let x = a.first, isDigit(x) { return 1 }
            if let y = b.first, isDigit(y) { return -1 }
            if firstDifference != 0 { return firstDifference }
        }
        return 0
    }
}
