import ChiSoCore

/// The key of one rollup cell of a dossier-log load, packed into 64 bits so that the cell table
/// stays a hash of plain integers (`IntegerSlots`).
///
/// Layout, from bit 63 down: the grain in 2 bits (1 province × month, 2 unit × year, 3 procedure ×
/// field × year), then
/// - province × month: the province's index in bits 24–49, the month number (year × 12 + month − 1) in 0–23;
/// - unit × year: the unit's index in bits 16–55, the year in 0–15;
/// - procedure × year: the province's index in 52–61, the procedure's index in 30–51, the field's
///   index + 1 in 14–29 (0: no field), the year in 0–13.
/// Indexes are those of the load's dictionaries, not database ids.
package struct DossierRollupKey: Hashable, Sendable {
    package var rawValue: UInt64

    @inline(__always) package init(rawValue: UInt64) { self.rawValue = rawValue }

    /// Province totals of one month.
    @inline(__always) package static func province(_ province: Int32, month: Int) -> Self {
        Self(rawValue: 1 << 62 | UInt64(province) << 24 | UInt64(month))
    }

    /// One unit's totals of one year.
    @inline(__always) package static func unit(_ unit: Int32, year: Int) -> Self {
        Self(rawValue: 2 << 62 | UInt64(unit) << 16 | UInt64(year))
    }

    /// One procedure's (and field's, `field` −1 for none) totals of one year in a province.
    @inline(__always) package static func procedure(province: Int32, procedure: Int32, field: Int32, year: Int) -> Self {
        Self(rawValue: 3 << 62 | UInt64(province) << 52 | UInt64(procedure) << 30 | UInt64(field + 1) << 14 | UInt64(year))
    }

    /// The largest values the layout holds. The parser refuses rows past the procedure (4M) and field
    /// (65,534) limits; provinces are at most a few hundred and years have four digits.
    package static let maxProvinceIndex = 0x3FF, maxProcedureIndex = 0x3F_FFFF, maxFieldIndex = 0xFFFD, maxYear = 0x3FFF

    package var grain: RollupGrain {
        switch rawValue >> 62 {
        case 1: .province
        case 2: .unit
        default: .procedure
        }
    }

    /// The province's index (province and procedure keys; a unit key finds it through its unit).
    package var provinceIndex: Int32? {
        switch grain {
        case .province: Int32(rawValue >> 24 & 0x3FF_FFFF)
        case .unit: nil
        case .procedure: Int32(rawValue >> 52 & 0x3FF)
        }
    }

    /// The month number (year × 12 + month − 1) of a province key.
    package var monthNumber: Int { Int(rawValue & 0xFF_FFFF) }

    /// The unit's index of a unit key.
    package var unitIndex: Int { Int(rawValue >> 16 & 0xFF_FFFF_FFFF) }

    /// The year of a unit or procedure key.
    package var year: Int { grain == .unit ? Int(rawValue & 0xFFFF) : Int(rawValue & 0x3FFF) }

    /// The procedure's index of a procedure key.
    package var procedureIndex: Int { Int(rawValue >> 30 & 0x3F_FFFF) }

    /// The field's index of a procedure key, nil when the row named no field.
    package var fieldIndex: Int? {
        let f = Int(rawValue >> 14 & 0xFFFF) - 1
        return f >= 0 ? f : nil
    }

    /// The period the key counts: a month for province keys, a year for the others.
    package var period: CalendarPeriod {
        grain == .province ? .month(monthNumber % 12 + 1, of: monthNumber / 12) : .year(year)
    }
}
