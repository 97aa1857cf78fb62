import ChiSoKit
import Testing

/// Inputs found by the hardening work (issue #6): each once crashed, was accepted when it should
/// not be, or said something a user could not act on.
@Suite("Rankings ingest: edge cases")
struct RankingIngestEdgeTests {
    let ingest = RankingIngest(latestYear: 2026)

    /// The diagnostics `text` is rejected with (an empty list when it is accepted).
    func diagnostics(_ text: String, _ options: RankingIngestOptions = .init(index: "PCI", year: 2021)) -> [String] {
        do {
            _ = try ingest.read(bytes: Array(text.utf8), file: "f.csv", options: options)
            return []
        } catch {
            guard case .invalid(let diagnostics) = error else { return ["\(error)"] }
            return diagnostics.map(\.description)
        }
    }

    @Test("a row whose `of` is not a positive whole number is reported (it used to crash the edition checks)")
    func invalidOfIsReported() {
        #expect(diagnostics("province,score,rank,of\nPhú Yên,64.17,35,-5\n")
            == ["f.csv:2:4: error: [ingest] of \"-5\" is not a positive whole number; write how many provinces the edition ranked (63, 34, ...)"])
        // Long format: the province's first row is the bad one; its later rows still make a draft.
        let long = "index,year,province,metric,value,of\nPCI,2021,Phú Yên,rank,35,x\nPCI,2021,Phú Yên,score,64.17,63\n"
        #expect(diagnostics(long, .init()) == ["f.csv:2:6: error: [ingest] of \"x\" is not a positive whole number; write how many provinces the edition ranked (63, 34, ...)"])
    }
}

extension RankingIngestEdgeTests {
    @Test("a header without rows is an error, not a source that loads 0 rows")
    func headerOnly() {
        #expect(diagnostics("province,score,rank\n") == ["f.csv:1:1: error: [ingest] the file has a header but no rows; export the table with its rows, or check that this is the right file"])
        #expect(diagnostics("\n\nprovince,score,rank\n,,\n") == ["f.csv:3:1: error: [ingest] the file has a header but no rows; export the table with its rows, or check that this is the right file"])
    }

    @Test("--year is checked like a year column: a future year is named, not reported as a province problem")
    func futureYearOption() {
        #expect(diagnostics("province,score\nBình Định,66.1\n", .init(index: "PCI", year: 2099))
            == ["f.csv:1:1: error: [ingest] year 2099 is outside 1990...2026; check the year column or --year"])
        #expect(diagnostics("province,score,year\nBình Định,66.1,2027\n", .init(index: "PCI"))
            == ["f.csv:2:3: error: [ingest] year 2027 is outside 1990...2026; check the year column or --year"])
    }

    @Test("a rank of 0 or below says ranks start at 1 (it used to say \"outside 1...0\" when `of` was unknown)")
    func nonPositiveRank() {
        #expect(diagnostics("province,score,rank\nBình Định,66.1,-3\nPhú Yên,64.17,0\n") == [
            "f.csv:2:3: error: [ingest] rank -3 is not a rank (ranks start at 1); write the rank as published, or leave the cell empty to compute it from the score",
            "f.csv:3:3: error: [ingest] rank 0 is not a rank (ranks start at 1); write the rank as published, or leave the cell empty to compute it from the score",
        ])
    }

    @Test("a score with hundreds of digits is refused instead of being stored as infinity")
    func infiniteScore() {
        let digits = "1" + String(repeating: "0", count: 400)
        #expect(diagnostics("province,score\nBình Định,\(digits)\n")
            == ["f.csv:2:2: error: [ingest] score: \"\(digits)\" has too many digits to be a number; check the cell, or leave the cell empty"])
        // Many digits that are still a finite number are read (the slow, exact path).
        #expect(diagnostics("province,score\nBình Định,66.1000000000000000000001\n").isEmpty)
    }

    @Test("a code or name read through as_of as a unit that did not exist in the edition's year is refused")
    func provinceOutsideTheEdition() {
        // Code 24 on 2025-07-01 is the new Bắc Ninh; PCI 2021 ranked Bắc Giang under that code.
        #expect(diagnostics("province_code,score,as_of\n24,66.1,2025-07-01\n") == [
            "f.csv:2:1: error: [ingest] \"24\" read on 2025-07-01 is Bắc Ninh (code 24), which exists only from 2025-07-01, after any 2021 edition was published; set as_of (or --as-of) to a date in 2021, or drop it, so that names and codes are read as they were in 2021",
        ])
        #expect(diagnostics("province,score\nHà Tây,66.1\n", .init(index: "PCI", year: 2015, asOf: Day(year: 2008, month: 1, day: 1))) == [
            "f.csv:2:1: error: [ingest] Hà Tây existed only until 2008-07-31, before 2015; set as_of (or --as-of) to a date in 2015, or drop it, so that names and codes are read as they were in 2015",
        ])
        // Without as_of, a 2015 file naming Hà Tây gets the registry's own answer.
        #expect(diagnostics("province,score\nHà Tây,66.1\n", .init(index: "PCI", year: 2015))
            == ["f.csv:2:1: error: [ingest] Hà Tây was merged into Hà Nội on 2008-08-01; use Hà Nội or a date before 2008-08-01"])
        // An edition published after the reorganisation may rank the new units (DTI 2024 did); Hà Tây was in PCI 2008.
        #expect(diagnostics("province_code,score,as_of\n24,66.1,2025-07-01\n", .init(index: "DTI", year: 2024)).isEmpty)
        #expect(diagnostics("province,score\nHà Tây,66.1\n", .init(index: "PCI", year: 2008)).isEmpty)
        #expect(diagnostics("province_code,score,as_of\n24,66.1,2025-07-01\n", .init(index: "DTI", year: 2023)).count == 1)
    }

    @Test("a field over the reader's limit is reported with advice about the file, not about reader options")
    func hugeField() {
        let text = "province,score,note\nPhú Yên,64.17,\"" + String(repeating: "x", count: (1 << 20) + 1) + "\"\n"
        #expect(diagnostics(text) == ["f.csv:2:3: error: [ingest] the field starting here is larger than 1 MiB, which no cell of a rankings file needs; look for a quote missing before it (a quoted field runs on to the next quote), or shorten the cell"])
    }
}

extension RankingIngestEdgeTests {
    @Test("an `of` that differs from the edition already loaded from another file is found by validation, at the `of` cell")
    func ofDiffersFromTheStore() throws {
        let stored = RankingEntry(index: "PCI", year: 2021, provinceID: "54", score: 64.17, rank: 35, of: 63, sourceFile: "seed.csv", sourceLine: 2)
        func read(_ text: String, _ options: RankingIngestOptions) -> [String] {
            do {
                _ = try ingest.read(bytes: Array(text.utf8), file: "f.csv", options: options) { _, _ in [stored] }
                return []
            } catch {
                guard case .invalid(let diagnostics) = error else { return ["\(error)"] }
                return diagnostics.map(\.description)
            }
        }
        let advice = "make the two files agree on `of`, or remove the other with `chiso sources --remove seed.csv`"
        #expect(read("index,year,province,score,of\nPCI,2021,Cà Mau,60.1,64\n", .init())
            == ["f.csv:2:5: error: [ingest] PCI 2021 ranks 64 provinces here but 63 in seed.csv, already loaded; \(advice)"])
        #expect(read("province,score\nCà Mau,60.1\n", .init(index: "PCI", year: 2021, of: 64))
            == ["f.csv:1:1: error: [ingest] PCI 2021 ranks 64 provinces here but 63 in seed.csv, already loaded; \(advice)"])
        #expect(read("province,score\nCà Mau,60.1\n", .init(index: "PCI", year: 2021)).isEmpty)
    }

    @Test("a store refusal names the file as the user gave it, with its line")
    func storeErrorsNameTheFile() {
        let error = StoreError.conflictingOf(index: "PCI", year: 2021, of: 64, storedOf: 63, file: "b.csv", line: 2, otherFile: "a.csv")
        #expect(error.naming("data/b.csv").description
            == "data/b.csv:2:1: error: [ingest] PCI 2021 ranks 64 provinces here but 63 in a.csv, already loaded; make the two files agree on `of`, or remove the other with `chiso sources --remove a.csv`")
    }
}

extension RankingIngestEdgeTests {
    @Test("two headers naming one field (\"score\" and \"Điểm\") are an error, not a silent choice; --column says which")
    func twoColumnsForOneField() {
        #expect(diagnostics("province,score,Điểm\nPhú Yên,64.17,46.71\n")
            == ["f.csv:1:3: error: [ingest] column \"Điểm\" and column 2 (\"score\") both give the score; delete one, or say which with --column score=\"HEADER\""])
        #expect(diagnostics("province,score,Điểm\nPhú Yên,64.17,46.71\n", .init(index: "PCI", year: 2021, columns: ["score": "Điểm"])).isEmpty)
    }
}

extension RankingIngestEdgeTests {
    @Test("rows of one edition that disagree on `of` are an error, even for different provinces")
    func ofDisagreesAcrossRows() {
        #expect(diagnostics("province,score,rank,of\nKhánh Hòa,64.17,35,63\nĐà Nẵng,70.1,5,64\n")
            == ["f.csv:3:4: error: [ingest] PCI 2021 is said to rank 64 provinces here but 63 on line 2; use one value"])
    }

    @Test("a file loaded between validation and writing is still caught by the store, which writes nothing")
    func storeChecksAgainWhenWriting() throws {
        let store = try ChiSoStore(path: nil)
        func batch(_ file: String, rank: Int) -> RankingBatch {
            RankingBatch(source: SourceFile(fileName: file, sha256: file, kind: .rankings, options: "{}"),
                         records: [RankingRecord(index: "PCI", year: 2021, provinceID: "54", score: 64.17, rank: rank, of: 63, line: 2)])
        }
        _ = try store.load(batch("a.csv", rank: 35), ingestedAt: "2026-01-01T00:00:00Z")
        let before = try store.dump()
        #expect(throws: StoreError.alreadyLoaded(index: "PCI", year: 2021, province: "Phú Yên", file: "b.csv", line: 2, otherFile: "a.csv", otherLine: 2)) {
            try store.load(batch("b.csv", rank: 36), ingestedAt: "2026-01-02T00:00:00Z")
        }
        #expect(try store.dump() == before)
    }
}

extension RankingIngestEdgeTests {
    @Test("an index code is a short code: markup, formulas and commas are refused, in the file and in --index")
    func indexCodes() {
        #expect(diagnostics("index,year,province,score\n\"=HYPERLINK(\"\"x\"\")\",2021,Phú Yên,64.17\n", .init())
            == ["f.csv:2:1: error: [ingest] index \"=HYPERLINK(\"x\")\" is not an index code; write a short code of letters and digits such as PCI, PAPI or DTI (-, _, . and spaces may join its parts)"])
        #expect(diagnostics("province,score\nPhú Yên,64.17\n", .init(index: "PCI,PAPI", year: 2021)).first?.hasPrefix("f.csv:1:1: error: [ingest] index \"PCI,PAPI\" is not an index code") == true)
        for code in ["PCI", "PAR INDEX", "SIPAS-2", "dti", "Chỉ số 1"] {
            #expect(diagnostics("province,score\nPhú Yên,64.17\n", .init(index: code, year: 2021)).isEmpty, "\(code)")
        }
    }
}
