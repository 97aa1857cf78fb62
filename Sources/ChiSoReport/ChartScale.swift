import ChiSoCore
import ChiSoMetrics

/// The value range of a chart axis and its tick marks at round numbers (steps of 1, 2 or 5 × 10ⁿ).
package struct ChartScale: Equatable {
    package var lower: Double
    package var upper: Double
    package var ticks: [Double]
    /// Decimals needed to tell the ticks apart (0 for steps of 1 or more).
    package var tickDecimals: Int

    /// - Parameters:
    ///   - values: the data; empty gives 0...1.
    ///   - minimum: a range to show at least (its ends get a tick unless one is close).
    ///   - includeZero: bar charts start their bars at zero.
    ///   - targetTickCount: roughly how many ticks fit.
    package init(values: [Double], minimum: ClosedRange<Double>?, includeZero: Bool, targetTickCount: Int) {
        // Beyond ±1e12 tick indices would not fit an Int; such values are not ranks, scores or ratios.
        let values = values.filter { $0.isFinite && abs($0) < 1e12 }
        var lo = values.min() ?? 0
        var hi = values.max() ?? 1
        if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
        if let minimum, minimum.lowerBound.isFinite, minimum.upperBound.isFinite, abs(minimum.lowerBound) < 1e12, abs(minimum.upperBound) < 1e12 {
            lo = min(lo, minimum.lowerBound)
            hi = max(hi, minimum.upperBound)
        }
        if lo == hi {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= includeZero && lo == 0 ? 0 : pad
            hi += pad
        }
        let step = ChartScale.Step(raw: (hi - lo) / Double(max(1, targetTickCount)))
        if minimum == nil {
            // Round ends outwards to whole steps.
            lo = step.value(Int((lo / step.approximate).rounded(.down)))
            hi = step.value(Int((hi / step.approximate).rounded(.up)))
        }
        var ticks: [Double] = []
        var k = Int((lo / step.approximate).rounded(.up))
        while step.value(k) <= hi + step.approximate * 1e-9 {
            let v = step.value(k)
            if v >= lo - step.approximate * 1e-9 { ticks.append(v) }
            k += 1
        }
        if minimum != nil {
            // Show the ends of a fixed range (rank 1, the last rank N): a round tick too close to an
            // end gives way to it, so a rank axis ends at 63 (or 34), never at 60.
            let close = step.approximate * 0.5
            ticks.removeAll { ($0 != lo && abs($0 - lo) < close) || ($0 != hi && abs($0 - hi) < close) }
            if !ticks.contains(lo) { ticks.insert(lo, at: 0) }
            if !ticks.contains(hi) { ticks.append(hi) }
        }
        self.lower = lo
        self.upper = hi
        self.ticks = ticks
        self.tickDecimals = max(0, -step.exponent)
        if minimum != nil, ticks.contains(where: { $0 != $0.rounded() }) {
            // An end that is not a multiple of the step may need more decimals; show what it has.
            self.tickDecimals = max(tickDecimals, ChartScale.decimalsNeeded(lo), ChartScale.decimalsNeeded(hi))
        }
    }

    /// Position of `value` between the ends: 0 at `lower`, 1 at `upper`.
    package func fraction(_ value: Double) -> Double {
        upper == lower ? 0.5 : (value - lower) / (upper - lower)
    }

    private static func decimalsNeeded(_ x: Double) -> Int {
        for places in 0...6 {
            let scaled = x * Double(pow10(places))
            if abs(scaled - scaled.rounded()) < 1e-6 { return places }
        }
        return 6
    }

    package static func pow10(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<n { p *= 10 }
        return p
    }

    /// mantissa × 10^exponent with mantissa 1, 2 or 5; tick values are computed from integers so
    /// they are the doubles nearest to round decimals.
    package struct Step {
        package var mantissa: Int
        package var exponent: Int

        package init(raw: Double) {
            let raw = raw > 0 && raw.isFinite ? raw : 1
            var e = 0
            while raw >= ChartScale.scaled(1, e + 1) { e += 1 }
            while raw < ChartScale.scaled(1, e) { e -= 1 }
            let residual = raw / ChartScale.scaled(1, e)
            switch residual {
            case ..<1.5: mantissa = 1
            case ..<3: mantissa = 2
            case ..<7: mantissa = 5
            default: mantissa = 1; e += 1
            }
            exponent = e
        }

        package var approximate: Double { ChartScale.scaled(mantissa, exponent) }
        package func value(_ k: Int) -> Double { ChartScale.scaled(k * mantissa, exponent) }
    }

    /// n × 10^e, computed with exact powers of ten.
    package static func scaled(_ n: Int, _ e: Int) -> Double {
        e >= 0 ? Double(n) * pow10(e) : Double(n) / pow10(-e)
    }
}
