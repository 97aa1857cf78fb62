import ChiSoKit
import Testing

@Suite struct NumberFormatTests {
    @Test(arguments: [
        (64.17482, 2, "64,17", "64.17"),
        (64.175, 2, "64,18", "64.18"),        // binary 64.17499999…: the written digits are rounded
        (64.165, 2, "64,17", "64.17"),
        (0.125, 2, "0,13", "0.13"),
        (2.5, 0, "3", "3"),
        (-2.5, 0, "\u{2212}3", "\u{2212}3"),    // half away from zero on the negative side too
        (-0.004, 2, "0,00", "0.00"),           // rounds to zero: no minus sign
        (-0.0, 1, "0,0", "0.0"),
        (56039, 0, "56.039", "56,039"),
        (1234567.891, 1, "1.234.567,9", "1,234,567.9"),
        (999.995, 2, "1.000,00", "1,000.00"),  // carry into a new digit and a new group
        (0.1 + 0.2, 2, "0,30", "0.30"),
        (1e-5, 3, "0,000", "0.000"),
        (1e16, 0, "10.000.000.000.000.000", "10,000,000,000,000,000"),
        (7, 0, "7", "7"),
        (3.14159, -1, "3", "3"),               // negative places are treated as 0
    ])
    func decimal(x: Double, places: Int, vi: String, en: String) {
        #expect(NumberFormat.decimal(x, places: places, .vi) == vi)
        #expect(NumberFormat.decimal(x, places: places, .en) == en)
    }

    @Test func nonFiniteValuesPrintAsMissing() {
        #expect(NumberFormat.decimal(.nan, places: 2, .vi) == "—")
        #expect(NumberFormat.percent(ratio: .infinity, places: 1, .en) == "—")
    }

    @Test func integerGroupsThousands() {
        #expect(NumberFormat.integer(56039, .vi) == "56.039")
        #expect(NumberFormat.integer(56039, .en) == "56,039")
        #expect(NumberFormat.integer(999, .vi) == "999")
        #expect(NumberFormat.integer(1000, .en) == "1,000")
        #expect(NumberFormat.integer(-1234567, .vi) == "\u{2212}1.234.567")
        #expect(NumberFormat.integer(0, .en) == "0")
        #expect(NumberFormat.integer(Int.min, .en) == "\u{2212}9,223,372,036,854,775,808")
    }

    @Test func percentMovesTheDecimalPointInsteadOfMultiplying() {
        #expect(NumberFormat.percent(ratio: 0.223, places: 1, .vi) == "22,3%")
        #expect(NumberFormat.percent(ratio: 0.223, places: 1, .en) == "22.3%")
        // 0.12345 * 100 is 12.344999999999999 in binary; the written ratio rounds up.
        #expect(NumberFormat.percent(ratio: 0.12345, places: 2, .en) == "12.35%")
        #expect(NumberFormat.percent(ratio: 1, places: 0, .vi) == "100%")
        #expect(NumberFormat.percent(ratio: -0.05, places: 0, .en) == "\u{2212}5%")
        #expect(NumberFormat.percent(ratio: 0.97, places: 0, .vi) == "97%")
    }

    @Test func signedShowsPlusAndMinus() {
        #expect(NumberFormat.signed(7, .vi) == "+7")
        #expect(NumberFormat.signed(-3, .vi) == "\u{2212}3")
        #expect(NumberFormat.signed(0, .en) == "0")
        #expect(NumberFormat.signed(12000, .vi) == "+12.000")
        #expect(NumberFormat.signed(1.332039, places: 2, .vi) == "+1,33")
        #expect(NumberFormat.signed(-1.932277, places: 2, .en) == "\u{2212}1.93")
        #expect(NumberFormat.signed(-0.001, places: 2, .en) == "0.00")
    }

    @Test func percentagePointsTakeADifferenceOfRatios() {
        #expect(NumberFormat.percentagePoints(ratioDifference: 0.012, places: 1, .vi) == "+1,2 điểm phần trăm")
        #expect(NumberFormat.percentagePoints(ratioDifference: 0.012, places: 1, .en) == "+1.2 pp")
        #expect(NumberFormat.percentagePoints(ratioDifference: -0.0345, places: 1, .en) == "\u{2212}3.5 pp")
        #expect(NumberFormat.percentagePoints(ratioDifference: 0.0004, places: 1, .vi) == "0,0 điểm phần trăm")
    }
}
