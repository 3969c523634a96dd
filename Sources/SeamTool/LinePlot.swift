import Foundation

/// A line plot as SVG, with axes a person can read: the y axis spans the data (4,000 to
/// 4,600 for data between 4,000 and 4,500, not 0 to 4,500), ticks at round numbers.
package struct LinePlot {
    package var title: String
    package var xLabel: String
    package var yLabel: String
    package var points: [(x: Double, y: Double)]
    /// How an x tick is written (seconds, a date, ...).
    package var xTick: (Double) -> String

    package init(title: String, xLabel: String, yLabel: String, points: [(x: Double, y: Double)], xTick: @escaping (Double) -> String = { "\(Int($0))" }) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.points = points
        self.xTick = xTick
    }

    /// Round-numbered ticks (steps of 1, 2 or 5 times a power of ten) that cover `low...high`.
    package static func ticks(from low: Double, to high: Double, about count: Int = 5) -> [Double] {
        let span = high > low ? high - low : max(abs(high) * 0.1, 1)
        let raw = span / Double(max(count - 1, 1))
        let power = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
        var first = floor(low / step) * step
        var last = ceil(high / step) * step
        if first == last { first -= step; last += step }
        return stride(from: first, through: last + step / 2, by: step).map { $0 }
    }

    package var svg: String {
        let width = 680.0, height = 300.0, left = 70.0, right = 60.0, top = 30.0, bottom = 50.0
        let xs = points.map(\.x), ys = points.map(\.y)
        let yTicks = Self.ticks(from: ys.min() ?? 0, to: ys.max() ?? 1)
        let xTicks = Self.ticks(from: xs.min() ?? 0, to: xs.max() ?? 1, about: 4)
        let (x0, x1, y0, y1) = (xTicks.first!, xTicks.last!, yTicks.first!, yTicks.last!)
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * (width - left - right) }
        func py(_ y: Double) -> Double { height - bottom - (y - y0) / (y1 - y0) * (height - top - bottom) }
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(Int(left))" y="18" font-size="14">\(escaped(title))</text>

            """
        for tick in yTicks {
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(py(tick)))\" x2=\"\(f(width - right))\" y2=\"\(f(py(tick)))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(py(tick) + 4))\" text-anchor=\"end\">\(Int(tick))</text>\n"
        }
        for tick in xTicks {
            svg += "<text x=\"\(f(px(tick)))\" y=\"\(f(height - bottom + 16))\" text-anchor=\"middle\">\(escaped(xTick(tick)))</text>\n"
        }
        svg += """
            <line x1="\(f(left))" y1="\(f(height - bottom))" x2="\(f(width - right))" y2="\(f(height - bottom))" stroke="black"/>
            <line x1="\(f(left))" y1="\(f(top))" x2="\(f(left))" y2="\(f(height - bottom))" stroke="black"/>
            <text x="\(f((left + width - right) / 2))" y="\(f(height - 8))" text-anchor="middle">\(escaped(xLabel))</text>
            <text transform="translate(14 \(f((top + height - bottom) / 2))) rotate(-90)" text-anchor="middle">\(escaped(yLabel))</text>
            <polyline fill="none" stroke="#1f77b4" stroke-width="2" points="\(points.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " "))"/>

            """
        for point in points where points.count <= 60 {
            svg += "<circle cx=\"\(f(px(point.x)))\" cy=\"\(f(py(point.y)))\" r=\"3\" fill=\"#1f77b4\"/>\n"
        }
        return svg + "</svg>\n"
    }
}

/// Text made safe inside HTML and SVG.
package func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}
